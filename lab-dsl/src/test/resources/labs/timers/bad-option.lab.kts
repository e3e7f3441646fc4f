// A socket option value the kernel refuses is an error at its line, not a silent no-op.
title = "A refused socket option"
val client = host("client", "192.0.2.1")
val server = host("server", "192.0.2.2")
link(client, server)
server.listen(5000)
val conn = client.connect(server, 5000, options = mapOf(TCP_KEEPIDLE to 0))
