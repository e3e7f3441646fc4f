package dev.tcplab.lab.sandbox;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The seccomp program bubblewrap loads (--seccomp FD) before it starts the submission's JVM: a
 * classic BPF filter over {@code struct seccomp_data}, x86_64 only. It denies creating processes
 * (fork, vfork, clone without CLONE_THREAD; clone3 answers ENOSYS so glibc falls back to clone for
 * threads), so a submission cannot run programs or fork-bomb, and the calls a sandboxed JVM never
 * needs that widen the kernel's attack surface (ptrace, mount, namespaces, keyrings, bpf,
 * perf_event_open, userfaultfd, io_uring, modules, kexec). Everything else is allowed: the walls
 * are the namespaces, the uid and the rlimits; this narrows what code inside them can ask of the
 * kernel.
 */
final class SeccompFilter {
    // linux/audit.h, linux/seccomp.h, linux/filter.h
    private static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    private static final int X32_SYSCALL_BIT = 0x40000000;
    private static final int RET_ALLOW = 0x7fff0000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int RET_KILL_PROCESS = 0x80000000;
    private static final int EPERM = 1;
    private static final int ENOSYS = 38;
    private static final int CLONE_THREAD = 0x00010000;
    private static final short LD_W_ABS = 0x20;
    private static final short JEQ = 0x15;
    private static final short JGE = 0x35;
    private static final short JSET = 0x45;
    private static final short RET = 0x06;
    private static final int OFF_NR = 0;
    private static final int OFF_ARCH = 4;
    private static final int OFF_ARG0_LOW = 16;

    /** x86_64 numbers (arch/x86/entry/syscalls/syscall_64.tbl). */
    private static final int CLONE = 56;
    private static final int CLONE3 = 435;
    private static final int[] DENIED = {
        57, 58,               // fork, vfork
        101, 310, 311,        // ptrace, process_vm_readv, process_vm_writev
        165, 166, 155, 161,   // mount, umount2, pivot_root, chroot
        272, 308,             // unshare, setns
        248, 249, 250,        // add_key, request_key, keyctl
        321, 298, 323,        // bpf, perf_event_open, userfaultfd
        425, 426, 427,        // io_uring_setup, io_uring_enter, io_uring_register
        246, 320,             // kexec_load, kexec_file_load
        175, 313, 176,        // init_module, finit_module, delete_module
        169, 167, 168, 163,   // reboot, swapon, swapoff, acct
        303, 304,             // name_to_handle_at, open_by_handle_at
        103, 135,             // syslog, personality
        428, 429, 430, 431, 432, 433, // open_tree, move_mount, fsopen, fsconfig, fsmount, fspick
        442,                  // mount_setattr
    };

    private SeccompFilter() {}

    /** Whether this machine can use the filter (it is written for x86_64). */
    static boolean supported() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return System.getProperty("os.name", "").equals("Linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    /** The filter as bubblewrap reads it: an array of struct sock_filter in the machine's byte order. */
    static byte[] program() {
        List<long[]> p = new ArrayList<>(); // {code, jt, jf, k}
        p.add(ins(LD_W_ABS, 0, 0, OFF_ARCH));
        p.add(ins(JEQ, 1, 0, AUDIT_ARCH_X86_64));
        p.add(ins(RET, 0, 0, RET_KILL_PROCESS));
        p.add(ins(LD_W_ABS, 0, 0, OFF_NR));
        p.add(ins(JGE, 0, 1, X32_SYSCALL_BIT));             // the x32 ABI would bypass the numbers below
        p.add(ins(RET, 0, 0, RET_ERRNO | EPERM));
        for (int nr : DENIED) {
            p.add(ins(JEQ, 0, 1, nr));
            p.add(ins(RET, 0, 0, RET_ERRNO | EPERM));
        }
        p.add(ins(JEQ, 0, 1, CLONE3));
        p.add(ins(RET, 0, 0, RET_ERRNO | ENOSYS));
        p.add(ins(JEQ, 0, 3, CLONE));
        p.add(ins(LD_W_ABS, 0, 0, OFF_ARG0_LOW));           // clone's flags
        p.add(ins(JSET, 1, 0, CLONE_THREAD));                // a thread: allowed
        p.add(ins(RET, 0, 0, RET_ERRNO | EPERM));            // a new process: refused
        p.add(ins(RET, 0, 0, RET_ALLOW));
        ByteBuffer b = ByteBuffer.allocate(p.size() * 8).order(ByteOrder.nativeOrder());
        for (long[] i : p) {
            b.putShort((short) i[0]).put((byte) i[1]).put((byte) i[2]).putInt((int) i[3]);
        }
        return b.array();
    }

    private static long[] ins(short code, int jt, int jf, int k) {
        return new long[] {code, jt, jf, k & 0xFFFFFFFFL};
    }
}
