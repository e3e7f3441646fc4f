def reports = new File(basedir, 'target/lab-reports')
def page = new File(reports, 'hello/index.html')
assert page.isFile()
assert page.text.contains('arithmetic still works')
def xml = new XmlSlurper().parse(new File(reports, 'TEST-hello.xml'))
assert xml.@tests == '2'
assert xml.@failures == '0'
assert xml.properties.property.find { it.@name == 'points' }.@value == '3'
assert new File(reports, 'summary.txt').text.startsWith('PASSED  hello  3/3')
assert new File(reports, 'hello/result.json').isFile()
def log = new File(basedir, 'build.log').text
assert log.contains('✓ arithmetic still works  2/2')
assert log.contains('BUILD SUCCESS')
return true
