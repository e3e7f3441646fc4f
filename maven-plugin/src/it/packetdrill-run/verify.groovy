def log = new File(basedir, 'build.log').text
assert log.contains('PASS handshake/ok.pkt')
assert log.contains('FAIL handshake/wrong.pkt')
assert log.contains('handshake/wrong.pkt:8: error handling packet: bad value outbound TCP option 3')
assert log.contains('1/2 scripts pass')
def reports = new File(basedir, 'target/packetdrill-reports')
def xml = new groovy.xml.XmlSlurper().parse(new File(reports, 'TEST-packetdrill.xml'))
assert xml.@tests.text() == '2' && xml.@failures.text() == '1'
assert xml.testcase.find { it.@name.text() == 'wrong.pkt' }.failure.@type.text() == 'difference'
assert new File(reports, 'pcap/handshake.ok.pkt.pcap').length() > 24
def ladder = new File(reports, 'ladder/handshake.ok.pkt.txt').text
assert ladder.contains('C->S S ') && ladder.contains('S->C SA ') : ladder
assert xml.testcase.find { it.@name.text() == 'wrong.pkt' }.'system-out'.text().contains('C->S S ')
return true
