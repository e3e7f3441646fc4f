import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

def reports = new File(basedir, 'target/lab-reports')
def xml = new XmlSlurper().parse(new File(reports, 'TEST-broken.xml'))
assert xml.@tests == '2'
assert xml.@failures == '1'
assert xml.testcase.find { it.@name == 'fails' }.failure.@message.text().contains('TCP_ESTABLISHED')
assert new File(reports, 'broken/index.html').text.contains('✗')
assert new File(reports, 'broken/client-server.pcap').isFile()
def endless = new JsonSlurper().parse(new File(reports, 'endless/result.json'))
assert endless.outcome == 'ERROR'
assert endless.error.contains('time limit of 3')
assert new File(reports, 'summary.txt').text.contains('FAILED  broken  1/4')

def tolerated = new File(basedir, 'target/tolerated')
assert new File(tolerated, 'TEST-broken.xml').isFile()
assert !new File(tolerated, 'endless').exists()

def log = new File(basedir, 'build.log').text
// the CLI's line format (one formatter for both)
assert log.contains('[WARNING]   ✗ fails  0/3  @5 ms')
assert log =~ /\[WARNING\]   FAILED  A lab that fails: 1\/4 points, 2 checks, virtual [0-9.]+ ms, seed 1\n/
// the last line names what did not pass; as the build failure's message it is an [ERROR]
assert log =~ /\[ERROR\] Failed to execute goal .*: FAILED: 2 labs, 0 passed, 1 failed, 1 error; [0-9.]+\/[0-9.]+ points; [0-9.]+ s; not passed: broken › fails, endless[^;]*; reports: /
assert log.contains('BUILD FAILURE')
assert log =~ /\[WARNING\] FAILED: 1 lab, 0 passed, 1 failed, 0 errors; 1\/4 points; [0-9.]+ s; not passed: broken › fails\n/
assert log.contains('BUILD SUCCESS')
// each failure in full once per run that printed it (1 and 2; -q in 3 prints warnings not at all)
assert log.count('expected TCP_ESTABLISHED but was TCP_SYN_SENT at 5 ms') == 2
// 3: with -q only the error is printed, and it says which check failed
assert new File(basedir, 'target/quiet/TEST-broken.xml').isFile()
assert log =~ /\[ERROR\] Failed to execute goal .*: FAILED: 1 lab, 0 passed, 1 failed, 0 errors; 1\/4 points; [0-9.]+ s; not passed: broken › fails; reports: /
// no logging noise from libraries (SLF4J binding notices)
assert !log.contains('SLF4J')
return true
