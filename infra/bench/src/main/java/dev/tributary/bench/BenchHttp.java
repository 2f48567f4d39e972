package dev.tributary.bench;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.http.HttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

/**
 * The HTTP client the benchmarks call the services with: the classic Apache client, pooled, the same
 * one the AWS SDK uses for the baseline's DynamoDB calls, so a comparison of the two paths measures
 * the service and not a difference between clients.
 */
final class BenchHttp {

    private BenchHttp() {
    }

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    /** A status, a body, and the {@code Consistency-Token} header if there was one. */
    record Answer(int status, String body, String consistencyToken) {

        /** The id of what a command created: present when it answered 201 with an id. */
        Optional<String> createdId() {
            return status == 201 ? idIn(body) : Optional.empty();
        }
    }

    /** The {@code "id"} a command's answer carries, if it carries one. */
    static Optional<String> idIn(String body) {
        var id = ID.matcher(body);
        return id.find() ? Optional.of(id.group(1)) : Optional.empty();
    }

    static CloseableHttpClient client() {
        return HttpClients.custom().setMaxConnTotal(512).setMaxConnPerRoute(512).disableCookieManagement().build();
    }

    /** POSTs a JSON body with a bearer token; returns the status, the body read and discarded. */
    static int post(CloseableHttpClient http, URI uri, String token, String json) throws IOException {
        var post = new HttpPost(uri);
        post.setHeader("Authorization", "Bearer " + token);
        post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        try (var response = http.execute(post)) {
            EntityUtils.consume(response.getEntity());
            return response.getStatusLine().getStatusCode();
        }
    }

    static Answer postForResponse(CloseableHttpClient http, URI uri, String token, String json) throws IOException {
        var post = new HttpPost(uri);
        post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        return send(http, post, token);
    }

    /** GETs with a bearer token and any extra headers, given as name, value pairs. */
    static Answer get(CloseableHttpClient http, URI uri, String token, String... headers) throws IOException {
        var get = new HttpGet(uri);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            get.setHeader(headers[i], headers[i + 1]);
        }
        return send(http, get, token);
    }

    private static Answer send(CloseableHttpClient http, HttpRequestBase request, String token) throws IOException {
        request.setHeader("Authorization", "Bearer " + token);
        try (var response = http.execute(request)) {
            String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
            return new Answer(response.getStatusLine().getStatusCode(), body, header(response, "Consistency-Token"));
        }
    }

    private static String header(HttpResponse response, String name) {
        var header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }
}
