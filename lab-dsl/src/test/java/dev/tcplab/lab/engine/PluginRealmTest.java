package dev.tcplab.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine inside a Maven plugin realm: lab-dsl and its dependencies in their own
 * URLClassLoader (as ClassWorlds does), the thread's context loader elsewhere. The scripts'
 * classpath must come from the DSL's loader, not from the context or the JVM's.
 */
class PluginRealmTest {
    @TempDir
    Path cache;

    @Test
    void labsCompileAndRunWhenTheEngineLivesInItsOwnClassLoader() throws Exception {
        URL[] urls = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(p -> !p.contains("test-classes") && !p.contains("junit") && !p.contains("surefire"))
            .map(p -> {
                try {
                    return Path.of(p).toUri().toURL();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            })
            .toArray(URL[]::new);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader realm = new URLClassLoader("plugin-realm", urls, ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(ClassLoader.getPlatformClassLoader());
            Class<?> engineClass = realm.loadClass(LabEngine.class.getName());
            assertNotSame(LabEngine.class, engineClass);
            Class<?> requestClass = realm.loadClass(RunRequest.class.getName());
            Class<?> listenerClass = realm.loadClass(LabListener.class.getName());
            Object engine = engineClass.getConstructor(Path.class).newInstance(cache);
            Object request = requestClass.getConstructors()[0].newInstance(
                List.of(LabEngineTest.LABS.resolve("basic/clock.lab.kts")), null, null, null, null, null, Duration.ofSeconds(30));
            Object none = listenerClass.getField("NONE").get(null);
            Method run = engineClass.getMethod("run", requestClass, listenerClass);
            Object result = run.invoke(engine, request, none);
            List<?> labs = (List<?>) result.getClass().getMethod("labs").invoke(result);
            Object lab = labs.get(0);
            assertEquals("PASSED", lab.getClass().getMethod("outcome").invoke(lab).toString(), lab::toString);
            assertEquals(5.5, lab.getClass().getMethod("points").invoke(lab));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
