package dev.tcplab.lab.sandbox;

/** Text that came from a submission, made safe to show: bounded in length. */
final class Marks {
    static final int MAX = 2000;

    private Marks() {}

    static String cut(String s) {
        if (s == null || s.length() <= MAX) {
            return s;
        }
        return s.substring(0, MAX) + "… (" + (s.length() - MAX) + " more characters)";
    }
}
