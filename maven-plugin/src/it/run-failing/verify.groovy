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
assert log.contains('✗ fails  0/3')
assert log.contains('2 of 2 lab(s) failed')
assert log.contains('BUILD FAILURE')
assert log.contains('[WARNING] 1 of 1 lab(s) failed')
assert log.contains('BUILD SUCCESS')
return true
