package dev.tcplab.lab.engine;

import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;

/** Progress callbacks, so the CLI and the Mojo can print a line per lab and per check. */
public interface LabListener {
    default void labStarted(String id, String script) {}

    default void checkFinished(String labId, CheckResult check) {}

    default void labFinished(LabResult result) {}

    /**
     * The lab wanted to run the submission's code and no submission process could be started
     * (no sandbox, bubblewrap refused): a problem of this machine, not of the submission.
     */
    default void sandboxUnavailable(String labId, String reason) {}

    LabListener NONE = new LabListener() {};
}
