package dev.tcplab.stack.scenario;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Finds, for reference scenarios, the phases of jiffies (mod 2.048 s, the granularity of the
 * wheel's level 3) at which the model on the HZ=250 timer wheel passes the scenario's test: the
 * capture's timer firings pin where its kernel's jiffies stood. A documented tool, not a test:
 * runs only with -Dlab.fit=method1,method2 and prints the passing phases; the chosen values go
 * into ReferenceScenariosTest.JIFFIES_PHASE_NS.
 */
class PhaseFit {
    private static final long JIFFY = 4_000_000L;

    @Test
    void fit() throws Exception {
        String methods = System.getProperty("lab.fit");
        Assumptions.assumeTrue(methods != null, "PhaseFit runs only with -Dlab.fit=...");
        long step = Long.getLong("lab.fitStep", JIFFY);
        long sub = Long.getLong("lab.fitSub", 1_000_000L);
        for (String name : methods.split(",")) {
            Method m = ReferenceScenariosTest.class.getDeclaredMethod(name);
            m.setAccessible(true);
            List<Long> ok = new ArrayList<>();
            for (long p = sub; p < 512 * JIFFY; p += step) {
                System.setProperty("lab.phase", Long.toString(p));
                try {
                    m.invoke(new ReferenceScenariosTest());
                    ok.add(p);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    // fails at this phase
                } finally {
                    System.clearProperty("lab.phase");
                }
            }
            System.out.println("PHASEFIT " + name + " passing=" + ok.size() + " " + summarize(ok, step));
        }
    }

    private static String summarize(List<Long> ok, long step) {
        StringBuilder b = new StringBuilder();
        long start = -1;
        long prev = -1;
        for (long p : ok) {
            if (start < 0) {
                start = p;
            } else if (p != prev + step) {
                b.append('[').append(start).append("..").append(prev).append("] ");
                start = p;
            }
            prev = p;
        }
        if (start >= 0) {
            b.append('[').append(start).append("..").append(prev).append(']');
        }
        return b.toString();
    }
}
