package dev.tcplab.lab.boundary;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Plain data: what may cross the grading boundary as an argument or a return value. Numbers,
 * booleans, chars, strings, byte arrays, primitive arrays, lists, enums, and records whose
 * components are plain data, nested at most {@link #MAX_DEPTH} deep; null where the type allows.
 *
 * <p>Each value is written with a one-byte tag. A reader names the type it expects (a method's
 * declared parameter or return type) and accepts only a value of that type: a record or enum is
 * built only when the reader's own type says which class, so the writer can never choose a class
 * to instantiate. Where the expected type is {@code Object} or a type variable, only the
 * self-describing tags (numbers, strings, bytes, lists of these) are accepted.
 */
public final class PlainData {
    public static final int MAX_DEPTH = 32;

    private static final byte NULL = 0;
    private static final byte FALSE = 1;
    private static final byte TRUE = 2;
    private static final byte BYTE = 3;
    private static final byte SHORT = 4;
    private static final byte CHAR = 5;
    private static final byte INT = 6;
    private static final byte LONG = 7;
    private static final byte FLOAT = 8;
    private static final byte DOUBLE = 9;
    private static final byte STRING = 10;
    private static final byte BYTES = 11;
    private static final byte LIST = 12;
    private static final byte RECORD = 13;
    private static final byte ENUM = 14;

    private PlainData() {}

    /** Thrown for a value that is not plain data, or bytes that do not decode to the expected type. */
    public static final class NotPlainData extends IOException {
        public NotPlainData(String message) {
            super(message);
        }
    }

    /** Whether values of {@code type} can cross (checked when a proxy is made, before any call). */
    public static boolean supports(Type type) {
        return supports(type, 0);
    }

    private static boolean supports(Type type, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        if (type instanceof Class<?> c) {
            if (c == void.class || c.isPrimitive() || c == Object.class || boxed(c) || c == String.class) {
                return true;
            }
            if (c.isArray()) {
                return c.getComponentType().isPrimitive() && c != char[].class || supports(c.getComponentType(), depth + 1);
            }
            if (c.isEnum()) {
                return true;
            }
            if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    if (!supports(rc.getGenericType(), depth + 1)) {
                        return false;
                    }
                }
                return true;
            }
            return c == List.class || c == Collection.class || c == Iterable.class;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
            && (raw == List.class || raw == Collection.class || raw == Iterable.class)) {
            return supports(p.getActualTypeArguments()[0], depth + 1);
        }
        if (type instanceof WildcardType w) {
            return w.getUpperBounds().length == 1 && supports(w.getUpperBounds()[0], depth + 1);
        }
        if (type instanceof GenericArrayType g) {
            return supports(g.getGenericComponentType(), depth + 1);
        }
        return type instanceof TypeVariable<?>;
    }

    private static boolean boxed(Class<?> c) {
        return c == Boolean.class || c == Byte.class || c == Short.class || c == Character.class || c == Integer.class
            || c == Long.class || c == Float.class || c == Double.class;
    }

    /** The value's encoding as bytes. */
    public static byte[] encode(Object value) throws NotPlainData {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(new DataOutputStream(bytes), value);
        } catch (NotPlainData e) {
            throw e;
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return bytes.toByteArray();
    }

    /** Writes {@code value}; throws NotPlainData for anything that is not plain data. */
    public static void write(DataOutputStream out, Object value) throws IOException {
        write(out, value, 0);
    }

    private static void write(DataOutputStream out, Object value, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new NotPlainData("nested deeper than " + MAX_DEPTH);
        }
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (value instanceof Byte b) {
            out.writeByte(BYTE);
            out.writeByte(b);
        } else if (value instanceof Short s) {
            out.writeByte(SHORT);
            out.writeShort(s);
        } else if (value instanceof Character c) {
            out.writeByte(CHAR);
            out.writeChar(c);
        } else if (value instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (value instanceof Float f) {
            out.writeByte(FLOAT);
            out.writeFloat(f);
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (value instanceof String s) {
            out.writeByte(STRING);
            writeString(out, s);
        } else if (value instanceof byte[] b) {
            out.writeByte(BYTES);
            out.writeInt(b.length);
            out.write(b);
        } else if (value.getClass().isArray() && !(value instanceof char[])) {
            int n = Array.getLength(value);
            out.writeByte(LIST);
            out.writeInt(n);
            for (int i = 0; i < n; i++) {
                write(out, Array.get(value, i), depth + 1);
            }
        } else if (value instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object o : list) {
                write(out, o, depth + 1);
            }
        } else if (value instanceof Enum<?> e) {
            out.writeByte(ENUM);
            writeString(out, e.name());
        } else if (value instanceof Record r) {
            RecordComponent[] components = r.getClass().getRecordComponents();
            out.writeByte(RECORD);
            out.writeInt(components.length);
            for (RecordComponent rc : components) {
                try {
                    rc.getAccessor().setAccessible(true);
                    write(out, rc.getAccessor().invoke(r), depth + 1);
                } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                    throw new NotPlainData("cannot read " + r.getClass().getSimpleName() + "." + rc.getName() + ": " + e);
                }
            }
        } else {
            throw new NotPlainData("a " + value.getClass().getName() + " is not plain data (numbers, strings, "
                + "byte arrays, lists, enums and records of these may cross)");
        }
    }

    /** Reads one value of {@code expected} from the whole of {@code bytes}; trailing bytes are an error. */
    public static Object decode(byte[] bytes, Type expected) throws NotPlainData {
        Reader r = new Reader(bytes);
        Object v = r.value(expected, 0);
        if (r.remaining() != 0) {
            throw new NotPlainData(r.remaining() + " bytes after the value");
        }
        return v;
    }

    /** Reads values from one frame, bounding every length by what is left of it. */
    public static final class Reader {
        private final DataInputStream in;
        private int remaining;

        public Reader(byte[] frame) {
            this(frame, 0);
        }

        public Reader(byte[] frame, int offset) {
            this.in = new DataInputStream(new java.io.ByteArrayInputStream(frame, offset, frame.length - offset));
            this.remaining = frame.length - offset;
        }

        public int remaining() {
            return remaining;
        }

        private void need(long n) throws NotPlainData {
            if (n < 0 || n > remaining) {
                throw new NotPlainData("a length of " + n + " runs past the end of the frame");
            }
            remaining -= (int) n;
        }

        public byte readByte() throws NotPlainData {
            need(1);
            return io(() -> in.readByte());
        }

        public int readInt() throws NotPlainData {
            need(4);
            return io(in::readInt);
        }

        public String readString() throws NotPlainData {
            int n = readInt();
            need(n);
            byte[] b = new byte[n];
            io(() -> {
                in.readFully(b);
                return null;
            });
            return new String(b, StandardCharsets.UTF_8);
        }

        /** One value of the expected type (see the class comment). */
        public Object value(Type expected) throws NotPlainData {
            return value(expected, 0);
        }

        private Object value(Type expected, int depth) throws NotPlainData {
            if (depth > MAX_DEPTH) {
                throw new NotPlainData("nested deeper than " + MAX_DEPTH);
            }
            Class<?> raw = raw(expected);
            byte tag = readByte();
            if (tag == NULL) {
                if (raw.isPrimitive()) {
                    throw new NotPlainData("null where a " + raw.getName() + " is expected");
                }
                return null;
            }
            boolean any = raw == Object.class;
            switch (tag) {
                case FALSE, TRUE -> {
                    expect(any || raw == boolean.class || raw == Boolean.class, raw, "a boolean");
                    return tag == TRUE;
                }
                case BYTE -> {
                    return scalar(any, raw, byte.class, Byte.class, "a byte", 1, in::readByte);
                }
                case SHORT -> {
                    return scalar(any, raw, short.class, Short.class, "a short", 2, in::readShort);
                }
                case CHAR -> {
                    return scalar(any, raw, char.class, Character.class, "a char", 2, in::readChar);
                }
                case INT -> {
                    return scalar(any, raw, int.class, Integer.class, "an int", 4, in::readInt);
                }
                case LONG -> {
                    return scalar(any, raw, long.class, Long.class, "a long", 8, in::readLong);
                }
                case FLOAT -> {
                    return scalar(any, raw, float.class, Float.class, "a float", 4, in::readFloat);
                }
                case DOUBLE -> {
                    return scalar(any, raw, double.class, Double.class, "a double", 8, in::readDouble);
                }
                case STRING -> {
                    expect(any || raw == String.class || raw == CharSequence.class, raw, "a string");
                    return readString();
                }
                case BYTES -> {
                    expect(any || raw == byte[].class, raw, "a byte array");
                    int n = readInt();
                    need(n);
                    byte[] b = new byte[n];
                    io(() -> {
                        in.readFully(b);
                        return null;
                    });
                    return b;
                }
                case LIST -> {
                    return list(expected, raw, any, depth);
                }
                case ENUM -> {
                    expect(raw.isEnum(), raw, "an enum constant");
                    String name = readString();
                    for (Object c : raw.getEnumConstants()) {
                        if (((Enum<?>) c).name().equals(name)) {
                            return c;
                        }
                    }
                    throw new NotPlainData(raw.getSimpleName() + " has no constant " + cut(name));
                }
                case RECORD -> {
                    return record(raw, depth);
                }
                default -> throw new NotPlainData("unknown tag " + tag);
            }
        }

        /** A number or char of {@code size} bytes, where the reader expects it (or anything). */
        private Object scalar(boolean any, Class<?> raw, Class<?> primitive, Class<?> boxed, String what, int size,
                              Io<?> read) throws NotPlainData {
            expect(any || raw == primitive || raw == boxed, raw, what);
            need(size);
            return io(read);
        }

        private Object list(Type expected, Class<?> raw, boolean any, int depth) throws NotPlainData {
            int n = readInt();
            if (n < 0 || n > remaining) { // every element takes at least its tag byte
                throw new NotPlainData("a list of " + n + " elements cannot fit in what is left of the frame");
            }
            if (raw.isArray()) {
                Class<?> component = raw.getComponentType();
                Type componentType = expected instanceof GenericArrayType g ? g.getGenericComponentType() : component;
                Object array = Array.newInstance(component, n);
                for (int i = 0; i < n; i++) {
                    Array.set(array, i, value(componentType, depth + 1));
                }
                return array;
            }
            expect(any || raw == List.class || raw == Collection.class || raw == Iterable.class, raw, "a list");
            Type element = expected instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(value(element, depth + 1));
            }
            return java.util.Collections.unmodifiableList(out);
        }

        private Object record(Class<?> raw, int depth) throws NotPlainData {
            expect(raw.isRecord(), raw, "a record");
            int n = readInt();
            RecordComponent[] components = raw.getRecordComponents();
            if (n != components.length) {
                throw new NotPlainData(raw.getSimpleName() + " has " + components.length + " components, not " + n);
            }
            Object[] values = new Object[n];
            Class<?>[] types = new Class<?>[n];
            for (int i = 0; i < n; i++) {
                values[i] = value(components[i].getGenericType(), depth + 1);
                types[i] = components[i].getType();
            }
            try {
                Constructor<?> c = raw.getDeclaredConstructor(types);
                c.setAccessible(true);
                return c.newInstance(values);
            } catch (InvocationTargetException e) {
                throw new NotPlainData("not a valid " + raw.getSimpleName() + ": " + e.getCause());
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new NotPlainData("cannot make a " + raw.getSimpleName() + ": " + e);
            }
        }

        private interface Io<T> {
            T get() throws IOException;
        }

        private static <T> T io(Io<T> read) throws NotPlainData {
            try {
                return read.get();
            } catch (EOFException e) {
                throw new NotPlainData("the frame ended inside a value");
            } catch (IOException e) {
                throw new NotPlainData(e.toString());
            }
        }
    }

    private static void expect(boolean ok, Class<?> raw, String got) throws NotPlainData {
        if (!ok) {
            throw new NotPlainData(got + " where a " + raw.getSimpleName() + " is expected");
        }
    }

    /** The class a value of {@code type} must have; Object for type variables and unbounded wildcards. */
    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return raw(p.getRawType());
        }
        if (type instanceof GenericArrayType g) {
            return Array.newInstance(raw(g.getGenericComponentType()), 0).getClass();
        }
        if (type instanceof WildcardType w && w.getUpperBounds().length == 1) {
            return raw(w.getUpperBounds()[0]);
        }
        return Object.class;
    }

    public static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String cut(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
