package dev.tcplab.stack.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Classic libpcap file format writer, no native code: 24-byte global header with the
 * nanosecond magic (0xa1b23c4d) and LINKTYPE_ETHERNET, 16 bytes per record.
 * Virtual timestamps go straight into the records, so same run = same bytes.
 * Little-endian, as tcpdump writes on x86.
 */
public final class PcapWriter implements Closeable {
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int MAGIC_NANOSECOND = 0xa1b23c4d;
    public static final int SNAPLEN = 262144;

    static final int GLOBAL_HEADER_LEN = 24;
    static final int RECORD_HEADER_LEN = 16;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final OutputStream out;
    private final ByteBuffer recordHeader = ByteBuffer.allocate(RECORD_HEADER_LEN).order(ByteOrder.LITTLE_ENDIAN);

    /** Writes the global header at once. */
    public PcapWriter(OutputStream out) throws IOException {
        this.out = out;
        ByteBuffer header = ByteBuffer.allocate(GLOBAL_HEADER_LEN).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC_NANOSECOND)
                .putShort((short) 2).putShort((short) 4) // version 2.4
                .putInt(0)                               // thiszone: UTC
                .putInt(0)                               // sigfigs
                .putInt(SNAPLEN)
                .putInt(LINKTYPE_ETHERNET);
        out.write(header.array());
    }

    /**
     * Writes one record; snaplen is 262144, frames are never cut (a longer frame is an
     * IllegalArgumentException: no reader would accept the record). timeNanos must be &ge; 0.
     */
    public void write(long timeNanos, byte[] frame) throws IOException {
        if (frame.length > SNAPLEN) {
            throw new IllegalArgumentException("frame of " + frame.length + " bytes exceeds the pcap snaplen " + SNAPLEN);
        }
        if (timeNanos < 0) {
            throw new IllegalArgumentException("negative timestamp " + timeNanos + " ns");
        }
        recordHeader.clear();
        recordHeader.putInt((int) (timeNanos / NANOS_PER_SECOND))
                .putInt((int) (timeNanos % NANOS_PER_SECOND))
                .putInt(frame.length)  // incl_len
                .putInt(frame.length); // orig_len
        out.write(recordHeader.array());
        out.write(frame);
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
