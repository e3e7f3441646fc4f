import groovy.json.JsonSlurper
def reports = new File(basedir, 'target/lab-reports')
def results = new JsonSlurper().parse(new File(reports, 'results.json'))
// only the plain answer counts: the implementation's exit was refused (or, were it not, the lab fails)
assert results.score == 1
assert results.tests.find { it.name == 'tamper: plain answer' }.status == 'passed'
assert results.tests.find { it.name == 'tamper: implementation' }.status == 'failed'
assert results.tests.find { it.name == 'tamper: implementation' }.score == 0
assert new File(basedir, 'build.log').text.contains('Score: 1 / 3')
return true
