package dev.tcplab.lab.untrusted;

import dev.tcplab.lab.boundary.Frames;
import dev.tcplab.lab.boundary.PlainData;
import dev.tcplab.lab.boundary.Protocol;
import dev.tcplab.lab.script.ScriptCompiler;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The submission process's main: {@code SubmissionMain DIR MAX_FRAME}. Compiles the submission's
 * files from DIR when the grader asks (LOAD), calls their methods (CALL) and answers with plain
 * data; see {@link Protocol}. The submission's own System.out goes to stderr, so what it prints
 * cannot mix with the answers (and forging an answer gains nothing: an answer is only what the
 * submission's code returns anyway). Ends when the grader closes its input, without waiting for
 * threads the submission started.
 */
public final class SubmissionMain {
    private final Path root;
    private final OutputStream out;
    private final ScriptCompiler compiler = new ScriptCompiler(null);
    private final Map<Integer, Object> loaded = new HashMap<>();

    private SubmissionMain(Path root, OutputStream out) {
        this.root = root;
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        OutputStream answers = new FileOutputStream(FileDescriptor.out);
        InputStream requests = new java.io.BufferedInputStream(new FileInputStream(FileDescriptor.in));
        System.setOut(System.err);
        System.setIn(InputStream.nullInputStream());
        SubmissionMain main = new SubmissionMain(Path.of(args[0]), answers);
        int max = Integer.parseInt(args[1]);
        main.send(Protocol.message(Protocol.READY, o -> o.writeInt(Protocol.VERSION)));
        int status = 0;
        try {
            for (byte[] frame = Frames.read(requests, max); frame != null; frame = Frames.read(requests, max)) {
                main.handle(frame);
            }
        } catch (Throwable t) { // a request this process cannot serve: say why, then end (the grader sees it)
            t.printStackTrace();
            status = 2;
        } finally {
            System.err.flush();
            Runtime.getRuntime().halt(status); // the grader is done; threads the submission left do not matter
        }
    }

    private void send(byte[] message) throws IOException {
        synchronized (out) {
            Frames.write(out, message);
        }
    }

    private void handle(byte[] frame) throws IOException {
        PlainData.Reader in = new PlainData.Reader(frame);
        byte kind = in.readByte();
        if (kind == Protocol.LOAD) {
            int id = in.readInt();
            load(id, in.readString(), in.readString());
        } else if (kind == Protocol.CALL) {
            call(in.readInt(), in);
        } else {
            throw new IOException("unknown request " + kind);
        }
    }

    private void load(int id, String file, String interfaceName) throws IOException {
        try {
            Class<?> type = Class.forName(interfaceName, false, SubmissionMain.class.getClassLoader());
            Path path = root.resolve(file).normalize();
            if (!path.startsWith(root) || !Files.isRegularFile(path)) {
                throw new IllegalArgumentException("the submission has no file " + file);
            }
            loaded.put(id, compiler.load(path, type));
            send(Protocol.message(Protocol.LOADED, o -> o.writeInt(id)));
        } catch (Throwable t) { // a compile error, or whatever the script's top level threw
            StackTraceElement where = scriptFrame(t);
            String message = t instanceof IllegalStateException || t instanceof IllegalArgumentException
                ? String.valueOf(t.getMessage()) : t.toString();
            send(Protocol.message(Protocol.LOAD_FAILED, o -> {
                PlainData.writeString(o, message);
                o.writeInt(where == null ? 0 : where.getLineNumber());
                o.writeInt(0);
            }));
        }
    }

    private void call(int id, PlainData.Reader in) throws IOException {
        Object target = loaded.get(id);
        String name = in.readString();
        int n = in.readInt();
        String[] paramTypes = new String[n];
        for (int i = 0; i < n; i++) {
            paramTypes[i] = in.readString();
        }
        Method method = find(target, name, paramTypes);
        Object[] args = new Object[n];
        for (int i = 0; i < n; i++) {
            args[i] = in.value(method.getGenericParameterTypes()[i]);
        }
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            threw(e.getCause());
            return;
        } catch (IllegalAccessException e) {
            threw(e);
            return;
        }
        byte[] answer;
        try {
            Object value = result;
            answer = Protocol.message(Protocol.RETURN, o -> PlainData.write(o, value));
        } catch (IllegalArgumentException notPlain) {
            threw(notPlain);
            return;
        }
        send(answer);
    }

    private static Method find(Object target, String name, String[] paramTypes) throws IOException {
        if (target == null) {
            throw new IOException("call on an implementation that was not loaded");
        }
        for (Class<?> c : target.getClass().getInterfaces()) {
            for (Method m : c.getMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == paramTypes.length && sameTypes(m, paramTypes)) {
                    return m;
                }
            }
        }
        throw new IOException("no method " + name + " on the loaded implementation");
    }

    private static boolean sameTypes(Method m, String[] names) {
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (!types[i].getName().equals(names[i])) {
                return false;
            }
        }
        return true;
    }

    private void threw(Throwable t) throws IOException {
        StackTraceElement where = scriptFrame(t);
        String type = t.getClass().getSimpleName().isEmpty() ? t.getClass().getName() : t.getClass().getSimpleName();
        String message = t.getMessage() == null ? "" : t.getMessage();
        send(Protocol.message(Protocol.THREW, o -> {
            PlainData.writeString(o, type);
            PlainData.writeString(o, message);
            PlainData.writeString(o, where == null ? "" : where.getFileName());
            o.writeInt(where == null ? 0 : where.getLineNumber());
        }));
    }

    /** The innermost frame of a submission script (its file name ends with .kts). */
    private static StackTraceElement scriptFrame(Throwable t) {
        for (Throwable e = t; e != null; e = e.getCause()) {
            for (StackTraceElement s : e.getStackTrace()) {
                if (s.getFileName() != null && s.getFileName().endsWith(".kts") && s.getLineNumber() > 0) {
                    return s;
                }
            }
        }
        return null;
    }
}
