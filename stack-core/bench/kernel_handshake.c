/* The Linux kernel doing HandshakeBenchmark's conversation (src/test/java/dev/tcplab/stack/bench/
   HandshakeRig.java), one thread, over loopback in a private network namespace:
     connect() to 127.0.0.1:80 from an ephemeral port (the kernel's own choice, as in the model),
     accept(), "hello" (5 bytes) client -> server and server -> client, both read,
     close(client) then close(server) - the same order as the model.
   Blocking sockets: each call returns when the kernel has done the work (loopback delivers in the
   sender's softirq), so the wall time is the kernel's CPU time for the conversation.
   Started from shared/bench/kernel_handshake_rate.c (which closed with RST and sent no data).
   Usage: kernel_handshake MEASURED [WARMUP]   (run by compare-handshake.sh inside unshare -n)  */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double clock_s(clockid_t id) { struct timespec t; clock_gettime(id, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static double now(void) { return clock_s(CLOCK_MONOTONIC); }
/* user + system time of this process: the loopback softirq work runs in the sender's context,
   but with IRQ time accounting some of it may be charged to no task, so this can undercount */
static double cpu(void) { return clock_s(CLOCK_PROCESS_CPUTIME_ID); }

static void die(const char *what, long i) { fprintf(stderr, "connection %ld: ", i); perror(what); exit(1); }

static void conversation(int l, const struct sockaddr_in *a, long i) {
    char buf[8];
    int c = socket(AF_INET, SOCK_STREAM, 0);
    if (c < 0) die("socket", i);
    if (connect(c, (const struct sockaddr *)a, sizeof *a)) die("connect", i);
    int s = accept(l, NULL, NULL);
    if (s < 0) die("accept", i);
    if (write(c, "hello", 5) != 5) die("write client", i);
    if (write(s, "hello", 5) != 5) die("write server", i);
    if (read(s, buf, sizeof buf) != 5) die("read server", i);
    if (read(c, buf, sizeof buf) != 5) die("read client", i);
    close(c);
    close(s);
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000;
    long warm = argc > 2 ? atol(argv[2]) : n;
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(80) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int l = socket(AF_INET, SOCK_STREAM, 0);
    if (bind(l, (struct sockaddr *)&a, sizeof a) || listen(l, 4096)) { perror("listen"); return 1; }
    for (long i = 0; i < warm; i++) conversation(l, &a, i);
    double t0 = now(), c0 = cpu();
    for (long i = 0; i < n; i++) conversation(l, &a, warm + i);
    double dt = now() - t0, dc = cpu() - c0;
    printf("kernel: %ld connections in %.3f s wall = %.0f connections/s (%.1f us each), warm-up %ld connections\n",
           n, dt, n / dt, dt * 1e6 / n, warm);
    printf("kernel by process CPU time: %.3f s = %.0f connections/s of CPU\n", dc, n / dc);
    return 0;
}
