import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

def reports = new File(basedir, 'target/lab-reports')
def json = new JsonSlurper()
// invocation 1: both network labs passed, with pages, pcaps, JUnit XML and a summary
// (.tcplab-reports lists the files a run wrote: the next run into this directory removes them first)
assert reports.list().toList().sort() == ['.tcplab-reports', 'TEST-handshake.xml', 'TEST-refused.xml', 'handshake', 'index.html',
                                          'refused', 'summary.txt']
def page = new File(reports, 'handshake/index.html')
assert page.text.contains('the client is ESTABLISHED after one round trip')
assert new File(reports, 'handshake/client-server.pcap').length() > 24
def xml = new XmlSlurper().parse(new File(reports, 'TEST-handshake.xml'))
assert xml.@tests == '2'
assert xml.@failures == '0'
assert xml.properties.property.find { it.@name == 'points' }.@value == '3'
def summary = new File(reports, 'summary.txt').text
assert summary.startsWith('PASSED  handshake  3/3')
assert summary.contains('PASSED  refused  2/2')
assert summary.contains('seed 1')
assert json.parse(new File(reports, 'handshake/result.json')).seed == 1

// invocation 2: -Dlab, -Dlab.seed, -Dlab.reportsDirectory
def only = new File(basedir, 'target/only-handshake')
assert only.list().toList().sort() == ['.tcplab-reports', 'TEST-handshake.xml', 'handshake', 'index.html', 'summary.txt']
assert json.parse(new File(only, 'handshake/result.json')).seed == 7

// the console: a line per check and a summary; all three invocations log to build.log
def log = new File(basedir, 'build.log').text
assert log.contains('✓ the client is ESTABLISHED after one round trip  2/2')
assert log.contains('✓ a SYN to a closed port is answered by a RST  2/2')
assert log =~ /\[INFO\] PASSED: 2 labs, 2 passed, 0 failed, 0 errors; 5\/5 points; [0-9.]+ s\n/
assert log =~ /PASSED  Handshake over a 10 ms link: 3\/3 points, 2 checks, virtual [0-9.]+ ms, seed 1\n/
assert log =~ /\[INFO\] PASSED: 1 lab, 1 passed, 0 failed, 0 errors; 3\/3 points; [0-9.]+ s\n/
assert log =~ /PASSED  Handshake over a 10 ms link: 3\/3 points, 2 checks, virtual [0-9.]+ ms, seed 7\n/
assert !log.contains('not yet true')
// invocation 3: -Dlab.skip
assert log.contains('Labs skipped (lab.skip)')
// invocation 4: -Dlab.labsDirectory wins over the pom's lab.labsDirectory property (as in labs/pom.xml)
def byProperty = new File(basedir, 'target/by-property')
assert byProperty.list().toList().sort() == ['.tcplab-reports', 'TEST-refused.xml', 'index.html', 'refused', 'summary.txt']
assert !log.contains('BUILD FAILURE')
return true
