package dev.latchkey.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on loopback that a test can unplug and plug back in, like the network
 * cable to a database: unplugged, every open connection drops and new ones are refused.
 */
public final class TcpCable implements AutoCloseable {

	private final int port;

	private final int targetPort;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile ServerSocket listener;

	public TcpCable(int port, int targetPort) {
		this.port = port;
		this.targetPort = targetPort;
	}

	public int port() {
		return this.port;
	}

	public synchronized TcpCable plugIn() {
		try {
			ServerSocket server = new ServerSocket();
			server.setReuseAddress(true);
			server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
			this.listener = server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		Thread acceptor = new Thread(() -> accept(this.listener), "tcp-cable-" + this.port);
		acceptor.setDaemon(true);
		acceptor.start();
		return this;
	}

	public synchronized void unplug() {
		closeQuietly(this.listener);
		this.sockets.forEach(TcpCable::closeQuietly);
		this.sockets.clear();
	}

	@Override
	public void close() {
		unplug();
	}

	private void accept(ServerSocket server) {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				Socket target = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				this.sockets.add(client);
				this.sockets.add(target);
				pump(client, target);
				pump(target, client);
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// The cable was unplugged or a side hung up.
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		});
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			if (closeable != null) {
				closeable.close();
			}
		}
		catch (Exception ex) {
			// Already closed.
		}
	}

}
