package io.sluice.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The IAM actions sluice's main code calls, read from its source: each method call or method reference
 * whose name is an operation of an AWS SDK client sluice uses is the IAM action of that operation
 * ({@code elb.describeListeners(...)} is {@code elasticloadbalancing:DescribeListeners}); a name that
 * several services share counts for those whose package the file imports; a file that builds an
 * {@code StsAssumeRoleCredentialsProvider} calls {@code sts:AssumeRole}. The simulator under
 * {@code io/sluice/sim/} is AWS's stand-in, not a caller, and is left out.
 */
final class AwsCallsInCode {
    /** IAM service prefix by SDK client interface. */
    private static final Map<Class<?>, String> CLIENTS = Map.of(
            ElasticLoadBalancingV2Client.class, "elasticloadbalancing",
            LambdaClient.class, "lambda",
            Route53Client.class, "route53",
            EcsClient.class, "ecs",
            CloudWatchClient.class, "cloudwatch",
            StsClient.class, "sts",
            DynamoDbClient.class, "dynamodb");
    private static final Pattern CALL = Pattern.compile("(?:\\.|::)\\s*([a-z][A-Za-z0-9]*)\\s*(?:\\(|\\b)");

    private AwsCallsInCode() {
    }

    static Set<String> actions(Path mainSources) {
        Set<String> actions = new TreeSet<>();
        try (Stream<Path> files = Files.walk(mainSources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (mainSources.relativize(file).toString().replace('\\', '/').startsWith("io/sluice/sim/")) {
                    continue;
                }
                actions.addAll(actionsOf(Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return actions;
    }

    static Set<String> actionsOf(String source) {
        Set<String> actions = new TreeSet<>();
        String code = withoutComments(source);
        Set<Class<?>> imported = new HashSet<>();
        CLIENTS.keySet().stream().filter(c -> code.contains("import " + c.getPackageName() + ".")).forEach(imported::add);
        Matcher m = CALL.matcher(code);
        while (m.find()) {
            String name = m.group(1);
            List<Class<?>> having = CLIENTS.keySet().stream().filter(c -> operations(c).contains(name)).toList();
            // a name several services have counts for the ones the file uses; a call through a getter
            // (clients.sts(scope).getCallerIdentity()) in a file importing none counts for each
            List<Class<?>> used = having.stream().filter(imported::contains).toList();
            // the DynamoDB client is never reached through a getter: only a file importing it calls it
            List<Class<?>> throughGetters = having.stream().filter(c -> c != DynamoDbClient.class).toList();
            for (Class<?> client : used.isEmpty() ? throughGetters : used) {
                actions.add(CLIENTS.get(client) + ":" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
            }
        }
        if (code.contains("StsAssumeRoleCredentialsProvider")) {
            actions.add("sts:AssumeRole");
        }
        return actions;
    }

    /** The client's operations: its methods that return the operation's response. */
    static Set<String> operations(Class<?> client) {
        return OPERATIONS.computeIfAbsent(client, AwsCallsInCode::operationsOf);
    }

    private static final Map<Class<?>, Set<String>> OPERATIONS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Set<String> operationsOf(Class<?> client) {
        Set<String> names = new TreeSet<>();
        for (Method m : client.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers()) && SdkResponse.class.isAssignableFrom(m.getReturnType())) {
                names.add(m.getName());
            }
        }
        return names;
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
    }
}
