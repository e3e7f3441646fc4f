def lab = new File(basedir, 'src/labs/my-lab')
assert new File(lab, 'my-lab.lab.kts').text.contains('title = "My lab"')
assert new File(lab, 'README.md').isFile()
assert new File(lab, 'submission-template/answers.properties').isFile()
assert new File(lab, 'solution/answers.properties').text.contains('TCP_NEW_SYN_RECV')
// the second run refused to overwrite
assert new File(basedir, 'build.log').text.contains('already exists')
return true
