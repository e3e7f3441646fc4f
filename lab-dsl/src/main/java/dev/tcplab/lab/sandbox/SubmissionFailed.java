package dev.tcplab.lab.sandbox;

/**
 * The submission's code did not give an answer: it threw, did not compile, ran past its limit,
 * ended its process, or answered with something that is not what the method returns. Thrown into
 * the lab where it called the submission, so the check that called it fails; the message is for
 * the student and quotes only what their own code produced.
 */
public class SubmissionFailed extends RuntimeException {
    public SubmissionFailed(String message) {
        super(message);
    }
}
