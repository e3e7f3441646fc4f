/**
 * Runs only inside a submission process: the student's code is compiled and called here, and
 * nothing here decides a grade. What it sends back is plain data the grader checks like network
 * input. In grading this process runs inside the operating system's sandbox
 * ({@link dev.tcplab.lab.sandbox}).
 */
package dev.tcplab.lab.untrusted;
