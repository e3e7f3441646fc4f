package dev.tcplab.lab.grade;

import java.io.FilePermission;
import dev.tcplab.lab.script.LabScript;
import java.lang.reflect.ReflectPermission;
import java.nio.file.Path;
import java.security.Permission;
import java.security.Policy;
import java.security.ProtectionDomain;

/**
 * The grading worker's SecurityManager (Java 17, -Djava.security.manager=allow). Defence in
 * depth: the grading process never trusts what the worker sends anyway. Refuses System.exit
 * (until the worker itself ends), writing or deleting files outside the worker's temp dir,
 * running programs, opening stdout/stderr anew, replacing System.in/out/err or this manager,
 * and setAccessible from classes not on the application class path except the compiled lab's
 * (the submission and the lab are loaded by their own class loaders).
 */
@SuppressWarnings("removal")
final class WorkerSandbox extends SecurityManager {
    private final String tempDir;
    private volatile boolean exitPermitted;

    private WorkerSandbox(Path tempDir) {
        this.tempDir = tempDir.toAbsolutePath().normalize().toString();
    }

    static WorkerSandbox install(Path tempDir) {
        WorkerSandbox s = new WorkerSandbox(tempDir);
        Policy.setPolicy(new SandboxPolicy());
        System.setSecurityManager(s);
        return s;
    }

    void permitExit() {
        exitPermitted = true;
    }

    @Override
    public void checkExit(int status) {
        if (!exitPermitted) {
            throw new SecurityException("grading: System.exit(" + status + ") is not allowed");
        }
    }

    @Override
    public void checkPermission(Permission p, Object context) {
        checkPermission(p);
    }

    @Override
    public void checkPermission(Permission p) {
        if (p instanceof FilePermission) {
            String actions = p.getActions();
            if (actions.contains("execute")) {
                throw new SecurityException("grading: running programs is not allowed: " + p.getName());
            }
            if ((actions.contains("write") || actions.contains("delete")) && !inTemp(p.getName())) {
                throw new SecurityException("grading: writing outside the temp dir is not allowed: " + p.getName());
            }
        } else if (p instanceof RuntimePermission) {
            String n = p.getName();
            if (n.equals("setSecurityManager") || n.equals("setIO") || n.equals("writeFileDescriptor")
                || n.startsWith("exitVM") && !exitPermitted) {
                throw new SecurityException("grading: not allowed: " + n);
            }
        } else if (p instanceof ReflectPermission && p.getName().equals("suppressAccessChecks")) {
            // the JDK's access controller: honours doPrivileged, so the JDK's own setAccessible
            // on behalf of the submission (lambda bootstrap) still works; the policy decides
            super.checkPermission(p);
        }
    }

    private boolean inTemp(String file) {
        if (file.equals("<<ALL FILES>>")) {
            return false;
        }
        String f;
        try {
            f = Path.of(file).toAbsolutePath().normalize().toString();
        } catch (RuntimeException badPath) {
            return false;
        }
        return f.equals(tempDir) || f.startsWith(tempDir + java.io.File.separator);
    }

    /**
     * Everything for the JDK and the application class path. setAccessible also for the lab's
     * own compiled script (instructor code: its frames are on the stack when it asks the Kotlin
     * compiler to load a submission, and the compiler uses reflection), never for other loaders'
     * code, such as the submission's.
     */
    private static final class SandboxPolicy extends Policy {
        private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

        @Override
        public boolean implies(ProtectionDomain domain, Permission p) {
            if (p instanceof ReflectPermission && p.getName().equals("suppressAccessChecks")) {
                ClassLoader l = domain.getClassLoader();
                return l == null || l == ClassLoader.getSystemClassLoader() || l == ClassLoader.getPlatformClassLoader()
                    || isLabScriptLoader(l);
            }
            return true;
        }

        /** Whether a class on this thread's stack, loaded by {@code loader}, belongs to a compiled *.lab.kts. */
        private static boolean isLabScriptLoader(ClassLoader loader) {
            return WALKER.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                .anyMatch(c -> c.getClassLoader() == loader && LabScript.class.isAssignableFrom(outermost(c))));
        }

        /** The script class a lambda or local class of a script belongs to. */
        private static Class<?> outermost(Class<?> c) {
            for (int i = 0; i < 64; i++) {
                Class<?> up = c.getEnclosingClass();
                if (up == null) {
                    up = c.getNestHost();
                }
                if (up == c) {
                    return c;
                }
                c = up;
            }
            return c;
        }
    }
}
