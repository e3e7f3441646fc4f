import groovy.json.JsonSlurper
def lab = new File(basedir, 'src/labs/my-lab')
assert new File(lab, 'my-lab.lab.kts').text.contains('title = "My lab"')
assert new File(lab, 'README.md').isFile()
assert new File(lab, 'submission-template/answers.properties').isFile()
assert new File(lab, 'solution/answers.properties').text.contains('TCP_NEW_SYN_RECV')
def log = new File(basedir, 'build.log').text
// the second run refused to overwrite
assert log.contains('already exists')
// the third ran the new lab green against its reference solution
def result = new JsonSlurper().parse(new File(basedir, 'target/lab-reports/my-lab/result.json'))
assert result.outcome == 'PASSED'
assert result.points == 5 && result.maxPoints == 5
assert log.contains('1 lab(s), 1 passed; score 5/5')
return true
