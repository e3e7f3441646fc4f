package dev.tcplab.lab.sandbox;

import dev.tcplab.lab.boundary.PlainData;
import dev.tcplab.lab.dsl.ImplementationLoader;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.nio.file.Path;

/**
 * What a lab's {@code implementation<T>("file.kts")} gets: a proxy for interface T whose every
 * call crosses to the submission process (started on the first load, one per lab run) as plain
 * data and comes back checked against T's declared return type. The submission's classes never
 * enter this JVM. {@link #problem()} says when the process could not be started at all, which
 * grading reports as an error of the grader, not a zero for the student.
 */
public final class SandboxedLoader implements ImplementationLoader, AutoCloseable {
    private final Sandbox sandbox;
    private final SubmissionCopy copy;
    private final WaitClock waiting = new WaitClock();
    private SubmissionProcess process;
    private volatile String problem;

    public SandboxedLoader(Sandbox sandbox, SubmissionCopy copy) {
        this.sandbox = sandbox;
        this.copy = copy;
    }

    @Override
    public synchronized Object load(Path file, Class<?> type) {
        if (!type.isInterface()) {
            throw new IllegalArgumentException("implementation<" + type.getSimpleName() + ">: only interfaces can be "
                + "implemented by a submission (its code runs in another process)");
        }
        for (Method m : type.getMethods()) {
            if (isObjectMethod(m) || m.isDefault() || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue; // a default method is the interface's own code: it runs here and calls the rest
            }
            for (Type t : m.getGenericParameterTypes()) {
                requirePlain(type, m, t);
            }
            requirePlain(type, m, m.getGenericReturnType());
        }
        String name = copy.dir().relativize(file.toAbsolutePath().normalize()).toString();
        if (process == null) {
            try {
                process = sandbox.start(copy, waiting);
            } catch (SandboxUnavailable e) {
                problem = e.getMessage();
                throw e;
            }
        }
        int id = process.load(name, type);
        SubmissionProcess p = process;
        String label = "the submission's " + type.getSimpleName() + " from " + name;
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (isObjectMethod(method)) {
                return switch (method.getName()) {
                    case "toString" -> label;
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> proxy == args[0];
                };
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            Object value = p.call(id, method.getName() + "() of " + name, method, args);
            if (value == null && method.getReturnType().isPrimitive() && method.getReturnType() != void.class) {
                throw new SubmissionFailed(method.getName() + "() of " + name + " returned null");
            }
            return value;
        });
    }

    private static void requirePlain(Class<?> type, Method m, Type t) {
        if (!PlainData.supports(t)) {
            throw new IllegalArgumentException(type.getSimpleName() + "." + m.getName() + " uses " + t.getTypeName()
                + ", which cannot cross to a submission process (plain data only: numbers, strings, byte arrays, "
                + "lists, enums and records of these)");
        }
    }

    private static boolean isObjectMethod(Method m) {
        return switch (m.getName()) {
            case "toString", "hashCode" -> m.getParameterCount() == 0;
            case "equals" -> m.getParameterCount() == 1 && m.getParameterTypes()[0] == Object.class;
            default -> false;
        };
    }

    /**
     * Wall time the lab has spent waiting for the submission process, a wait in progress included;
     * not synchronized, so a watchdog can read it while the lab waits.
     */
    public long waitingNanos() {
        return waiting.nanos();
    }

    /** Why the submission process could not be started, or null. */
    public String problem() {
        return problem;
    }

    /** The submission process's stderr so far (its own prints), for the report; empty when none ran. */
    public synchronized String output() {
        return process == null ? "" : process.stderr();
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.close();
        }
    }
}
