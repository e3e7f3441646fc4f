package dev.tcplab.stack.linux;

/**
 * A stand-in for a lab run in its own JVM (SigkilledRunTest): creates a lab namespace joined to
 * the root by a veth, prints "READY namespace rootEnd", then waits to be killed.
 */
public final class LabOwnerProcess {
    private LabOwnerProcess() {}

    public static void main(String[] args) throws InterruptedException {
        NetNs ns = NetNs.create();
        VethPair veth = VethPair.toRoot(ns, args.length > 0 ? args[0] : "192.0.2.2/24");
        System.out.println("READY " + ns.name() + " " + veth.rootEnd());
        System.out.flush();
        Thread.sleep(120_000); // the test kills it long before; a leftover dies on its own
    }
}
