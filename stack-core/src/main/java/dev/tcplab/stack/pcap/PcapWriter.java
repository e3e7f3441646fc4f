package dev.tcplab.stack.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Classic libpcap file format writer, no native code: 24-byte global header with the
 * nanosecond magic (0xa1b23c4d) and LINKTYPE_ETHERNET, 16 bytes per record.
 * Virtual timestamps go straight into the records, so same run = same bytes.
 */
public final class PcapWriter implements Closeable {
    public static final int LINKTYPE_ETHERNET = 1;

    public PcapWriter(OutputStream out) throws IOException {
        throw new UnsupportedOperationException("pcap: TODO");
    }

    /** Writes one record; snaplen is 262144, frames are never cut. */
    public void write(long timeNanos, byte[] frame) throws IOException {
        throw new UnsupportedOperationException("pcap: TODO");
    }

    public void flush() throws IOException {
        throw new UnsupportedOperationException("pcap: TODO");
    }

    @Override
    public void close() throws IOException {
        throw new UnsupportedOperationException("pcap: TODO");
    }
}
