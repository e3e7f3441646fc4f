// A submission folder per kind holding a folder per exercise, named like the exercise's folder.
def labs = new File(basedir, '../../../../labs').canonicalFile
for (kind in ['solution': 'solutions', 'submission-template': 'templates']) {
    for (lab in ['12-exercise-predict', '14-exercise-isn-generator']) {
        def to = new File(basedir, "${kind.value}/${lab}")
        to.mkdirs()
        new File(labs, "${lab}/${kind.key}").eachFile { f -> new File(to, f.name).bytes = f.bytes }
    }
}
return true
