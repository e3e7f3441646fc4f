package dev.tcplab.stack.linux;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What this JVM created and has not removed yet. A JVM shutdown hook removes whatever is still
 * here (newest first), so an exception, System.exit or Ctrl-C leaves no namespace behind;
 * only SIGKILL does, and {@link LabNames#sweepStale()} covers that.
 */
final class OwnedResources {
    private static final LinkedHashSet<AutoCloseable> LIVE = new LinkedHashSet<>();
    private static boolean hookInstalled;

    private OwnedResources() {}

    static synchronized void add(AutoCloseable resource) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(OwnedResources::closeAll, "tcplab-netns-cleanup"));
            hookInstalled = true;
        }
        LIVE.add(resource);
    }

    static synchronized void remove(AutoCloseable resource) {
        LIVE.remove(resource);
    }

    /** Closes everything still registered, newest first; errors are printed, not thrown. */
    static void closeAll() {
        List<AutoCloseable> all;
        synchronized (OwnedResources.class) {
            all = new ArrayList<>(LIVE);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).close();
            } catch (Exception e) {
                System.err.println("tcplab: cleanup of " + all.get(i) + " failed: " + e.getMessage());
            }
        }
    }
}
