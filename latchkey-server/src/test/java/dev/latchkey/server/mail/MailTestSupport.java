package dev.latchkey.server.mail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.test.context.TestComponent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends what the outbox holds and finds it in the test SMTP server, the way a user finds a
 * mail in their inbox.
 */
@TestComponent
public class MailTestSupport {

	private final OutboxSender sender;

	private final GreenMail smtp;

	MailTestSupport(OutboxSender sender, GreenMail smtp) {
		this.sender = sender;
		this.smtp = smtp;
	}

	/**
	 * Sends whatever mail is due and waits until the SMTP server has stored it: GreenMail
	 * files a message in its mailbox just after it accepts it.
	 */
	public void sendAll() {
		int before = this.smtp.getReceivedMessages().length;
		int sent = this.sender.sendDue();
		assertThat(this.smtp.waitForIncomingEmail(10_000, before + sent)).as("%d mails stored", sent).isTrue();
	}

	/** Sends the due mail, then answers the one mail delivered to the address. */
	public MimeMessage deliveredTo(String address) throws MessagingException {
		sendAll();
		List<MimeMessage> received = to(address);
		assertThat(received).as("mail to " + address).hasSize(1);
		return received.get(0);
	}

	/** The text of a mail as its reader sees it, decoded. */
	public static String text(MimeMessage message) throws MessagingException, IOException {
		return message.getContent().toString();
	}

	/** Every mail the SMTP server got for the address. */
	public List<MimeMessage> to(String address) throws MessagingException {
		List<MimeMessage> mine = new ArrayList<>();
		for (MimeMessage message : this.smtp.getReceivedMessages()) {
			if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
				.anyMatch((recipient) -> recipient.toString().equalsIgnoreCase(address))) {
				mine.add(message);
			}
		}
		return mine;
	}

}
