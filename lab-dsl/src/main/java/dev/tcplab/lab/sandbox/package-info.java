/**
 * The trusted side of the grading boundary: runs a submission's code in a separate process
 * ({@link dev.tcplab.lab.untrusted.SubmissionMain}) walled in by the operating system
 * (bubblewrap: user, mount, pid, network, ipc and uts namespaces, an unprivileged uid, no new
 * privileges, seccomp, rlimits, a read-only view of the JDK, the toolkit and a private copy of the
 * submission), and hands the lab proxies whose calls cross as plain data
 * ({@link dev.tcplab.lab.boundary}). Nothing in this package loads a submission's classes.
 */
package dev.tcplab.lab.sandbox;
