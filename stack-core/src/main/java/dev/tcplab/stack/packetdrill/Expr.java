package dev.tcplab.stack.packetdrill;

import java.util.List;

/** A system call argument or result expression (packetdrill's "expression" rule). */
sealed interface Expr {
    /** {@code ...}: "whatever packetdrill fills in" (an address, a buffer). */
    record Ellipsis() implements Expr {
        @Override
        public String toString() {
            return "...";
        }
    }

    record Int(long value) implements Expr {
        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /** A symbol such as SOCK_STREAM, or NULL. */
    record Word(String name) implements Expr {
        @Override
        public String toString() {
            return name;
        }
    }

    record Str(String value) implements Expr {
        @Override
        public String toString() {
            return '"' + value + '"';
        }
    }

    /** {@code a|b}. */
    record Or(Expr left, Expr right) implements Expr {
        @Override
        public String toString() {
            return left + "|" + right;
        }
    }

    /** {@code name=value} inside a struct. */
    record Assign(Expr name, Expr value) implements Expr {
        @Override
        public String toString() {
            return name + "=" + value;
        }
    }

    /** {@code [a, b]}: an int pointer or array. */
    record Array(List<Expr> items) implements Expr {
        @Override
        public String toString() {
            return items.toString();
        }
    }

    /** {@code {a, b}}: a struct (linger, sockaddr, iovec, pollfd, ...). */
    record Struct(List<Expr> items) implements Expr {
        @Override
        public String toString() {
            return "{" + String.join(", ", items.stream().map(Object::toString).toList()) + "}";
        }
    }

    /** {@code name(args)}: htons(80), inet_addr("..."), msg_iov(1). */
    record Call(String name, List<Expr> args) implements Expr {
        @Override
        public String toString() {
            return name + "(" + String.join(", ", args.stream().map(Object::toString).toList()) + ")";
        }
    }
}
