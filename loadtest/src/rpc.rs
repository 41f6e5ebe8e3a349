//! A small JSON-RPC client over one kept-alive HTTP/1.1 connection (what the node's RPC server
//! speaks), with batches: the load generator must not spend its two cores on a client stack.

use serde_json::{json, Value};
use std::{
	io::{self, BufRead, BufReader, Read, Write},
	net::TcpStream,
	time::Duration,
};

/// One connection to a node's JSON-RPC port on localhost.
pub struct Rpc {
	port: u16,
	conn: Option<BufReader<TcpStream>>,
}

fn invalid(what: impl Into<String>) -> io::Error {
	io::Error::new(io::ErrorKind::InvalidData, what.into())
}

impl Rpc {
	/// A client of `127.0.0.1:port` (it connects on first use, and again after an error).
	pub fn new(port: u16) -> Self {
		Rpc { port, conn: None }
	}

	fn post(&mut self, body: &str) -> io::Result<Value> {
		if self.conn.is_none() {
			let stream = TcpStream::connect(("127.0.0.1", self.port))?;
			stream.set_read_timeout(Some(Duration::from_secs(60)))?;
			stream.set_nodelay(true)?;
			self.conn = Some(BufReader::new(stream));
		}
		let conn = self.conn.as_mut().ok_or_else(|| invalid("no connection"))?;
		let head = format!(
			"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
			 Content-Length: {}\r\nConnection: keep-alive\r\n\r\n",
			body.len()
		);
		let stream = conn.get_mut();
		stream.write_all(head.as_bytes())?;
		stream.write_all(body.as_bytes())?;
		let mut status = String::new();
		conn.read_line(&mut status)?;
		if !status.starts_with("HTTP/1.1 200") {
			return Err(invalid(format!("HTTP status: {}", status.trim())));
		}
		let mut length = None;
		let mut close = false;
		loop {
			let mut line = String::new();
			if conn.read_line(&mut line)? == 0 {
				return Err(invalid("connection closed in headers"));
			}
			let line = line.trim_end();
			if line.is_empty() {
				break;
			}
			let lower = line.to_ascii_lowercase();
			if let Some(v) = lower.strip_prefix("content-length:") {
				length = v.trim().parse::<usize>().ok();
			} else if lower.starts_with("connection:") && lower.contains("close") {
				close = true;
			}
		}
		let length = length.ok_or_else(|| invalid("response without Content-Length"))?;
		let mut buf = vec![0u8; length];
		conn.read_exact(&mut buf)?;
		if close {
			self.conn = None;
		}
		serde_json::from_slice(&buf).map_err(|e| invalid(e.to_string()))
	}

	fn post_retrying(&mut self, body: &str) -> io::Result<Value> {
		match self.post(body) {
			Ok(v) => Ok(v),
			Err(_) => {
				// A kept-alive connection the server dropped: one fresh try.
				self.conn = None;
				self.post(body)
			},
		}
	}

	/// Call `method` with `params`; the `result`, or the error as text.
	pub fn call(&mut self, method: &str, params: Value) -> Result<Value, String> {
		let body = json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params});
		let response = self.post_retrying(&body.to_string()).map_err(|e| e.to_string())?;
		match response.get("result") {
			Some(result) => Ok(result.clone()),
			None => Err(response.get("error").map(|e| e.to_string()).unwrap_or_default()),
		}
	}

	/// Call `method` once per entry of `params` in one batch request; the answers in order.
	pub fn batch(
		&mut self,
		method: &str,
		params: &[Value],
	) -> io::Result<Vec<Result<Value, String>>> {
		let requests: Vec<Value> = params
			.iter()
			.enumerate()
			.map(|(i, p)| json!({"jsonrpc": "2.0", "id": i, "method": method, "params": p}))
			.collect();
		let response = self.post_retrying(&Value::Array(requests).to_string())?;
		let answers = response.as_array().ok_or_else(|| invalid("batch answer is not an array"))?;
		let mut out: Vec<Result<Value, String>> =
			(0..params.len()).map(|_| Err("no answer".to_string())).collect();
		for answer in answers {
			let Some(slot) = answer
				.get("id")
				.and_then(Value::as_u64)
				.and_then(|id| out.get_mut(usize::try_from(id).ok()?))
			else {
				continue;
			};
			*slot = match answer.get("result") {
				Some(result) => Ok(result.clone()),
				None => Err(answer.get("error").map(|e| e.to_string()).unwrap_or_default()),
			};
		}
		Ok(out)
	}
}

/// `0x`-prefixed lowercase hex of `bytes`.
pub fn to_hex(bytes: &[u8]) -> String {
	let mut s = String::with_capacity(2 + bytes.len() * 2);
	s.push_str("0x");
	for b in bytes {
		s.push_str(&format!("{b:02x}"));
	}
	s
}

/// The bytes of `0x`-prefixed hex.
pub fn from_hex(hex: &str) -> Option<Vec<u8>> {
	let hex = hex.strip_prefix("0x").unwrap_or(hex);
	if !hex.len().is_multiple_of(2) {
		return None;
	}
	(0..hex.len())
		.step_by(2)
		.map(|i| hex.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok()))
		.collect()
}
