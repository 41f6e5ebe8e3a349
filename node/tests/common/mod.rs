//! Helpers for tests that run the `genex-node` binary: this crate's, and the client crates'
//! (`genex-reports`, `genex-sanctions-sync`, `genex` include this file with `#[path]`).

#![allow(dead_code)]

use std::{
	io::{Read, Write},
	net::{TcpListener, TcpStream},
	path::PathBuf,
	process::{Child, Command, Output, Stdio},
	time::{Duration, Instant},
};

/// The node binary: the one cargo built for this crate's tests, else the one
/// `cargo test --workspace` builds next to the running test binary.
pub fn node_bin() -> PathBuf {
	if let Some(bin) = option_env!("CARGO_BIN_EXE_genex-node") {
		return PathBuf::from(bin);
	}
	let exe = std::env::current_exe().expect("test binary");
	let bin =
		exe.parent().and_then(std::path::Path::parent).expect("target dir").join("genex-node");
	assert!(
		bin.exists(),
		"{} missing: build the workspace (`cargo test --workspace`)",
		bin.display()
	);
	bin
}

/// The workspace root.
pub fn workspace() -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A TCP port free on localhost right now.
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("port")
}

/// Run the node with `args` to completion.
pub fn run(args: &[&str]) -> Output {
	Command::new(node_bin()).args(args).output().expect("genex-node runs")
}

/// A node process that is killed when dropped.
pub struct Node {
	child: Child,
	/// Its JSON-RPC port on 127.0.0.1.
	pub rpc_port: u16,
}

impl Node {
	/// Start a node with `args` plus free RPC and p2p ports.
	pub fn start(args: &[&str]) -> Node {
		let rpc_port = free_port();
		let p2p = free_port();
		let child = Command::new(node_bin())
			.args(args)
			.args(["--rpc-port", &rpc_port.to_string(), "--port", &p2p.to_string()])
			.args(["--no-telemetry", "--no-prometheus", "--no-mdns"])
			.stdout(Stdio::null())
			.stderr(Stdio::null())
			.spawn()
			.expect("node starts");
		Node { child, rpc_port }
	}

	/// Its WebSocket JSON-RPC endpoint.
	pub fn ws_url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.rpc_port)
	}

	/// Call `method` with `params` (a JSON array) over HTTP JSON-RPC; `None` until it answers.
	pub fn rpc(&self, method: &str, params: &str) -> Option<serde_json::Value> {
		self.rpc_response(method, params)?.get("result").cloned()
	}

	/// The whole JSON-RPC response (`result` or `error`); `None` until the node answers.
	pub fn rpc_response(&self, method: &str, params: &str) -> Option<serde_json::Value> {
		let body = format!(r#"{{"jsonrpc":"2.0","id":1,"method":"{method}","params":{params}}}"#);
		let mut stream = TcpStream::connect(("127.0.0.1", self.rpc_port)).ok()?;
		stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
		let request = format!(
			"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
			 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
			body.len()
		);
		stream.write_all(request.as_bytes()).ok()?;
		let mut response = String::new();
		stream.read_to_string(&mut response).ok()?;
		let json = response.split("\r\n\r\n").nth(1)?;
		serde_json::from_str(json).ok()
	}

	/// A node started with `args`, once it has finalized a block (its RPC up, GRANDPA
	/// running).
	pub fn start_finalized(args: &[&str]) -> Node {
		let node = Node::start(args);
		node.wait_for(Duration::from_secs(90), |n| n.finalized_number().filter(|f| *f >= 1))
			.expect("the node did not finalize a block in time");
		node
	}

	/// Wait until `check` returns `Some`, polling every 500 ms for at most `timeout`.
	pub fn wait_for<T>(
		&self,
		timeout: Duration,
		mut check: impl FnMut(&Node) -> Option<T>,
	) -> Option<T> {
		let start = Instant::now();
		while start.elapsed() < timeout {
			if let Some(t) = check(self) {
				return Some(t);
			}
			std::thread::sleep(Duration::from_millis(500));
		}
		None
	}

	/// Number of the best block.
	pub fn best_number(&self) -> Option<u64> {
		let header = self.rpc("chain_getHeader", "[]")?;
		hex_number(header.get("number")?)
	}

	/// The chain's genesis hash.
	pub fn genesis_hash(&self) -> polkadot_sdk::sp_core::H256 {
		let hash = self.rpc("chain_getBlockHash", "[0]").expect("genesis hash");
		let hex = hash.as_str().expect("hex").trim_start_matches("0x").to_string();
		let bytes: Vec<u8> = (0..64)
			.step_by(2)
			.map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
			.collect();
		polkadot_sdk::sp_core::H256::from_slice(&bytes)
	}

	/// The next nonce of `who` (pool included).
	pub fn nonce(&self, who: polkadot_sdk::sp_keyring::Sr25519Keyring) -> u32 {
		use polkadot_sdk::sp_core::crypto::Ss58Codec;
		let params = format!("[\"{}\"]", who.to_account_id().to_ss58check());
		let n = self.rpc("system_accountNextIndex", &params).expect("nonce");
		n.as_u64().expect("number") as u32
	}

	/// Sign `call` as `who` (immortal, no tip, its next nonce) and submit it; the JSON-RPC
	/// response.
	pub fn submit_signed(
		&self,
		call: genex_runtime::RuntimeCall,
		who: polkadot_sdk::sp_keyring::Sr25519Keyring,
	) -> serde_json::Value {
		use codec::Encode;
		let xt = genex_runtime::client::signed_extrinsic(
			&who.pair(),
			call,
			self.nonce(who),
			self.genesis_hash(),
		);
		let hex: String = xt.encode().iter().map(|b| format!("{b:02x}")).collect();
		self.rpc_response("author_submitExtrinsic", &format!("[\"0x{hex}\"]"))
			.expect("author_submitExtrinsic answers")
	}

	/// Number of the last finalized block.
	pub fn finalized_number(&self) -> Option<u64> {
		let hash = self.rpc("chain_getFinalizedHead", "[]")?;
		let header = self.rpc("chain_getHeader", &format!("[{hash}]"))?;
		hex_number(header.get("number")?)
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}

fn hex_number(v: &serde_json::Value) -> Option<u64> {
	u64::from_str_radix(v.as_str()?.trim_start_matches("0x"), 16).ok()
}

/// `0x` and the bytes in lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
	format!("0x{}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

/// Serves `body` over HTTP on a free localhost port (every request, any path) until the test
/// ends; returns the port. An external price index for the oracle's off-chain worker.
pub fn serve(body: &'static str) -> u16 {
	let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
	let port = listener.local_addr().expect("addr").port();
	std::thread::spawn(move || {
		for stream in listener.incoming().flatten() {
			let mut stream = stream;
			let mut buf = [0u8; 1024];
			let _ = stream.read(&mut buf);
			let answer = format!(
				"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
				body.len()
			);
			let _ = stream.write_all(answer.as_bytes());
		}
	});
	port
}
