package dev.tributary.projector.stream;

import com.amazonaws.services.dynamodbv2.streamsadapter.AmazonDynamoDBStreamsAdapterClient;
import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsClientRecord;
import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsGetRecordsResponseAdapter;
import com.amazonaws.services.dynamodbv2.streamsadapter.util.AmazonServiceExceptionTransformer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * The streams adapter's client, handing the processor each stream record as it came, without the
 * copy of it as JSON that adapter 2.0.1 writes into every record's Kinesis data bytes. That copy is
 * made with Jackson's reflective bean serializer over the SDK's model, and nothing reads it here: the
 * processor reads the record itself ({@link DynamoDBStreamsClientRecord#getRecord()}). Profiled while
 * draining a backlog, writing it took 30% of the projector's CPU.
 *
 * <p>The records' data bytes are empty, so KCL counts no bytes for them; its prefetch cache is still
 * bounded by its count of pending batches. GetRecords errors are translated as the adapter does.
 */
final class RecordsAdapterClient extends AmazonDynamoDBStreamsAdapterClient {

    private final DynamoDbStreamsClient streams;

    RecordsAdapterClient(DynamoDbStreamsClient streams, Region region) {
        super(streams, region);
        this.streams = streams;
    }

    @Override
    public CompletableFuture<DynamoDBStreamsGetRecordsResponseAdapter> getDynamoDBStreamsRecords(GetRecordsRequest request) {
        try {
            return CompletableFuture.completedFuture(new Response(streams.getRecords(request)));
        } catch (AwsServiceException e) {
            return CompletableFuture.failedFuture(
                    AmazonServiceExceptionTransformer.transformDynamoDBStreamsToKinesisGetRecords(e, getSkipRecordsBehavior()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static final class Response extends DynamoDBStreamsGetRecordsResponseAdapter {

        private final List<KinesisClientRecord> records;

        Response(GetRecordsResponse response) {
            super(response);
            records = response.records().stream().<KinesisClientRecord>map(StreamRecord::new).collect(Collectors.toCollection(ArrayList::new));
        }

        @Override
        public List<KinesisClientRecord> records() {
            return records;
        }
    }

    /** The adapter's record, with the fields its own factory gives it, and no data bytes. */
    private static final class StreamRecord extends DynamoDBStreamsClientRecord {

        StreamRecord(Record record) {
            super(record.dynamodb().sequenceNumber(), record.dynamodb().approximateCreationDateTime(), ByteBuffer.allocate(0),
                    record.dynamodb().sequenceNumber(), EncryptionType.NONE, 0, null, false, null, record);
        }
    }
}
