package dev.latchkey.server.oauth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the server refuses to fetch at all, configured as in production: nothing but https, and
 * nothing on its own machine or network. No request leaves the process for any of these.
 */
class ClientMetadataDocumentsTests {

	private final ClientMetadataDocuments documents = new ClientMetadataDocuments(new OAuthProperties(null,
			Duration.ofHours(8), Duration.ofDays(180), Duration.ofMinutes(5), Duration.ofMinutes(15),
			Duration.ofMinutes(1), false, Duration.ofHours(1)));

	@Test
	void fetchWhenNotHttpsOrOnThisMachineOrTheLocalNetworkThenRefusedWithoutAsking() {
		for (String url : new String[] { "http://agent.example/client.json", "https://127.0.0.1/client.json",
				"https://localhost/client.json", "https://10.1.2.3/client.json", "https://192.168.0.10/client.json",
				"https://169.254.169.254/latest/meta-data", "https://[::1]/client.json", "https://[fd00::1]/client.json",
				"https://agent.example", "https://user:pw@agent.example/client.json",
				"https://agent.example/client.json#x" }) {
			assertThat(this.documents.fetch(url)).as(url).isEmpty();
		}
	}

	@Test
	void resolverWhenANameIsOnThisMachineOrItsNetworkThenNoAddressAtAll() throws Exception {
		// The resolver the connection uses: what a fetch can reach, however the URL was checked before.
		DnsResolver resolver = ClientMetadataDocuments.publicOnly();
		for (String host : new String[] { "127.0.0.1", "localhost", "10.1.2.3", "172.16.0.1", "192.168.0.10",
				"169.254.169.254", "::1", "fd00::1", "fe80::1", "0.0.0.0", "224.0.0.1" }) {
			assertThatExceptionOfType(UnknownHostException.class).as(host).isThrownBy(() -> resolver.resolve(host));
		}
		assertThat(resolver.resolve("93.184.215.14")).extracting(InetAddress::getHostAddress)
			.containsExactly("93.184.215.14");
	}

	@Test
	void isUrlWhenAClientIdLatchkeyGaveThenFalse() {
		assertThat(ClientMetadataDocuments.isUrl("Iv1.4f9c2b7e1a3d5f60")).isFalse();
		assertThat(ClientMetadataDocuments.isUrl("https://agent.example/client.json")).isTrue();
	}

}
