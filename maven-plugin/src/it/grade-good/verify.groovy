import groovy.json.JsonSlurper
def reports = new File(basedir, 'target/lab-reports')
def results = new JsonSlurper().parse(new File(reports, 'results.json'))
assert results.score == 3
assert results.tests.size() == 3
assert results.tests*.status == ['passed', 'passed', 'failed']
assert results.tests[2].visibility == 'after_published'
assert results.tests*.max_score == [2, 1, 1]
assert new File(reports, 'quiz/index.html').isFile()
// one JUnit XML for the whole grading, saying how submission code would have been isolated
def junit = new File(reports, 'TEST-grade.xml').text
assert junit.contains('classname="quiz"') && junit.contains('name="isolation"')
assert !new File(reports, 'TEST-quiz.xml').exists()
def log = new File(basedir, 'build.log').text
assert log.contains('Score: 3 / 4')
assert log.contains('Isolation: ')
// the console table: a line per check
assert log.contains('quiz: half-open state') && log.contains('quiz: initial RTO (hidden)')
return true
