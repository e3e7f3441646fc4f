package dev.tcplab.stack.socket;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A system call in virtual time. A blocking call (connect, accept, recv) completes when the
 * protocol wakes it; a non-blocking one completes at once (EINPROGRESS, EAGAIN). The result is
 * an errno (OK on success) and, for accept/recv, a value.
 */
public final class Call<T> {
    private final String name;
    private boolean done;
    private Errno errno = Errno.OK;
    private T value;
    private long doneAt = -1;
    private final List<Consumer<Call<T>>> callbacks = new ArrayList<>();

    public Call(String name) {
        this.name = name;
    }

    public static <T> Call<T> completed(String name, long now, Errno errno, T value) {
        Call<T> c = new Call<>(name);
        c.complete(now, errno, value);
        return c;
    }

    public void complete(long now, Errno errno, T value) {
        if (done) {
            return;
        }
        this.done = true;
        this.errno = errno;
        this.value = value;
        this.doneAt = now;
        for (Consumer<Call<T>> c : callbacks) {
            c.accept(this);
        }
    }

    public String name() {
        return name;
    }

    public boolean isDone() {
        return done;
    }

    /** OK when it succeeded; meaningful only when done. */
    public Errno errno() {
        return errno;
    }

    public T value() {
        return value;
    }

    /** Virtual time (ns) when the call returned, -1 while blocked. */
    public long doneAt() {
        return doneAt;
    }

    public Call<T> onDone(Consumer<Call<T>> c) {
        if (done) {
            c.accept(this);
        } else {
            callbacks.add(c);
        }
        return this;
    }

    @Override
    public String toString() {
        return name + (done ? " = " + errno + (value != null ? " " + value : "") : " (blocked)");
    }
}
