package io.sluice.lease;

import io.sluice.aws.AwsConfig;
import io.sluice.aws.AwsSettings;
import io.sluice.git.GitConfig;
import io.sluice.git.InstanceBeacon;
import io.sluice.git.Remote;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** The leases of this instance, as {@code sluice.lease.backend} says. */
public class LeaseProducer {

    @Produces
    @Singleton
    Leases leases(LeaseConfig config, AwsConfig aws, GitConfig git) {
        switch (config.backend()) {
            case "none":
                return new NoLeases(watch(config, git));
            case "dynamodb":
                LeaseSettings settings = new LeaseSettings(config.table(), config.instance().orElseGet(LeaseProducer::instanceName),
                        config.duration(), config.renewEvery());
                return new DynamoDbLeases(client(aws.settings(), config.region().orElse(aws.region())), settings,
                        System::nanoTime, true);
            default:
                throw new IllegalArgumentException("sluice.lease.backend: '" + config.backend()
                        + "' is neither none nor dynamodb");
        }
    }

    /** The watch for a second instance, when there is a repository and a beat interval. */
    private static Optional<SecondInstanceWatch> watch(LeaseConfig config, GitConfig git) {
        if (config.beaconEvery().isZero() || git.url().isEmpty()) {
            return Optional.empty();
        }
        Remote remote = Remote.fromConfig(git);
        InstanceBeacon beacon = new InstanceBeacon(remote,
                config.instance().orElseGet(LeaseProducer::instanceName).replaceAll("[^A-Za-z0-9._-]", "-"));
        return Optional.of(new SecondInstanceWatch(new GitBeacon(beacon), config.beaconEvery(), remote.shownUrl(), System::nanoTime, true));
    }

    void close(@Disposes Leases leases) {
        leases.close();
    }

    /** A DynamoDB client with sluice's endpoint override and credentials, in the table's region. */
    public static DynamoDbClient client(AwsSettings aws, String region) {
        DynamoDbClientBuilder b = DynamoDbClient.builder().region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(aws.staticKeys().isPresent()
                        ? StaticCredentialsProvider.create(AwsBasicCredentials.create(aws.staticKeys().get().accessKeyId(),
                        aws.staticKeys().get().secretAccessKey()))
                        : DefaultCredentialsProvider.builder().build());
        aws.endpointOverride().ifPresent(b::endpointOverride);
        return b.build();
    }

    static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
