def reports = new File(basedir, 'target/lab-reports')
def xml = new XmlSlurper().parse(new File(reports, 'TEST-broken.xml'))
assert xml.@tests == '2'
assert xml.@failures == '1'
assert xml.testcase.find { it.@name == 'fails' }.failure.@message.text().contains('TCP_ESTABLISHED')
assert new File(reports, 'broken/index.html').text.contains('✗')
def log = new File(basedir, 'build.log').text
assert log.contains('1 of 1 lab(s) failed')
assert log.contains('BUILD FAILURE')
return true
