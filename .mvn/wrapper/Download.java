import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The wrapper's downloader for machines without curl or wget: {@code java Download.java <url> <file>}
 * saves the URL to the file, following redirects. {@code java Download.java --sha512 <file>} prints the
 * file's SHA-512, for machines without sha512sum or shasum. Proxies come from {@code -Dhttps.proxyHost}.
 */
class Download {

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--sha512")) {
            System.out.println(sha512(Path.of(args[1])));
            return;
        }
        if (args.length != 2) {
            System.err.println("usage: java Download.java <url> <file> | --sha512 <file>");
            System.exit(2);
        }
        var client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .proxy(ProxySelector.getDefault())
                .build();
        var response = client.send(HttpRequest.newBuilder(URI.create(args[0])).build(),
                HttpResponse.BodyHandlers.ofFile(Path.of(args[1])));
        if (response.statusCode() != 200) {
            System.err.println("GET " + args[0] + " answered " + response.statusCode());
            System.exit(1);
        }
    }

    private static String sha512(Path file) throws Exception {
        var digest = MessageDigest.getInstance("SHA-512");
        try (var in = java.nio.file.Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
