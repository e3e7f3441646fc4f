package dev.tcplab.lab.engine;

/** The hook the submission sample labs ask a student to implement. */
public interface Greeter {
    String greet(String name);
}
