package dev.tcplab.stack.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcplab.stack.socket.Call;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.wire.Ipv4Address;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ANormalTest {
    @Test
    void a_normal() {
        Lab lab = new Lab(1);
        Socket ls = lab.server.socket();
        assertEquals(Errno.OK, ls.bind(Lab.SERVER, 5000));
        assertEquals(Errno.OK, ls.listen(128));
        Socket c = lab.client.socket();
        Call<Void> conn = c.connect(Lab.SERVER, 5000);
        Call<Socket> acc = ls.accept();
        lab.runUntil(28 * Lab.MS);
        assertEquals(Errno.OK, conn.errno());
        c.send("hello\n");
        lab.runUntil(32 * Lab.MS);
        Socket child = acc.value();
        System.out.println(new String(child.received(), StandardCharsets.UTF_8));
        child.send("world\n");
        lab.runUntil(232 * Lab.MS);
        c.close();
        lab.runUntil(759 * Lab.MS);
        child.close();
        lab.runUntil(2 * Lab.S);
        System.out.println(lab.table().render());
        System.out.println(lab.client.ss());
        System.out.println(lab.clientDelta());
        System.out.println(lab.serverDelta());
        System.out.println(SegmentTable.reference("a_normal").render());
    }
}
