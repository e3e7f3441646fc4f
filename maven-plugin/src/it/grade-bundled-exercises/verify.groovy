import groovy.json.JsonSlurper
def json = new JsonSlurper()
// both exercises, nothing else: the walk-throughs and the real-kernel lab are not graded
def good = json.parse(new File(basedir, 'target/lab-reports/results.json'))
assert good.score == 21
assert good.tests.size() == 13
assert good.tests*.name.every { it.startsWith('predict-the-handshake: ') || it.startsWith('isn-generator: ') }
assert good.tests.every { it.status == 'passed' }
assert good.extra_data.isolation.startsWith('bubblewrap')
def template = json.parse(new File(basedir, 'target/template-reports/results.json'))
assert template.score == 0
assert template.tests.size() == 13
def log = new File(basedir, 'build.log').text
assert log.contains('Score: 21 / 21') && log.contains('Score: 0 / 21')
return true
