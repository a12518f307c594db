//! A small Language Server Protocol client for tests and benchmarks: starts the built server,
//! frames JSON-RPC messages with `Content-Length`, and sorts what comes back into responses (by
//! id) and notifications. Every wait is bounded, so a broken server fails the test instead of
//! hanging it.

#![allow(dead_code)] // The benchmark uses only part of it.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long any single wait may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct TestClient {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<(Instant, Value)>,
    /// Messages read while waiting for something else, in arrival order.
    stash: VecDeque<(Instant, Value)>,
    /// When the last message returned by a wait had been read from the server.
    last_arrival: Instant,
    next_id: i64,
    stderr: Arc<Mutex<String>>,
    /// What to answer to `workspace/configuration`.
    pub configuration: Value,
}

impl TestClient {
    /// Starts `binary` (the server, with no arguments).
    pub fn start(binary: &str) -> TestClient {
        TestClient::start_with(binary, Parsing::Full)
    }

    /// Starts `binary`, reading its messages as `parsing` says.
    pub fn start_with(binary: &str, parsing: Parsing) -> TestClient {
        TestClient::start_with_environment(binary, parsing, &[])
    }

    /// Starts `binary` with `variables` added to its environment.
    pub fn start_with_environment(
        binary: &str,
        parsing: Parsing,
        variables: &[(&str, &str)],
    ) -> TestClient {
        let mut child = Command::new(binary)
            .envs(variables.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start {binary}: {error}"));
        let stdin = child.stdin.take().expect("stdin is piped");
        let stdout = child.stdout.take().expect("stdout is piped");
        let stderr_pipe = child.stderr.take().expect("stderr is piped");
        let (sender, incoming) = channel();
        thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(body) = read_frame(&mut reader) {
                // When the whole message was read, before the (client's own) parsing cost.
                let arrived = Instant::now();
                let Some(message) = parse(&body, parsing) else {
                    break;
                };
                if sender.send((arrived, message)).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let stderr_sink = Arc::clone(&stderr);
        thread::spawn(move || {
            let mut reader = BufReader::new(stderr_pipe);
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|read| read > 0) {
                if let Ok(mut sink) = stderr_sink.lock() {
                    sink.push_str(&line);
                }
                line.clear();
            }
        });
        TestClient {
            child,
            stdin,
            incoming,
            stash: VecDeque::new(),
            last_arrival: Instant::now(),
            next_id: 1,
            stderr,
            configuration: Value::Null,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What the server wrote to stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr
            .lock()
            .map(|text| text.clone())
            .unwrap_or_default()
    }

    fn write(&mut self, message: &Value) {
        let body = message.to_string();
        let framed = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.stdin
            .write_all(framed.as_bytes())
            .and_then(|()| self.stdin.flush())
            .unwrap_or_else(|error| panic!("cannot write to the server: {error}"));
    }

    /// Writes `bytes` as they are: for malformed frames and bodies.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin
            .write_all(bytes)
            .and_then(|()| self.stdin.flush())
            .unwrap_or_else(|error| panic!("cannot write to the server: {error}"));
    }

    /// Frames `body` (which need not be JSON) with a correct `Content-Length`.
    pub fn send_body(&mut self, body: &[u8]) {
        let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        framed.extend_from_slice(body);
        self.send_raw(&framed);
    }

    /// Waits for the whole response message to request `id` (a result or an error).
    pub fn response_message(&mut self, id: i64) -> Value {
        self.wait_for(&format!("the response to request {id}"), |message| {
            message.get("id") == Some(&json!(id)) && message.get("method").is_none()
        })
    }

    /// Waits for a message that satisfies `accept`.
    pub fn message(&mut self, what: &str, accept: impl Fn(&Value) -> bool) -> Value {
        self.wait_for(what, accept)
    }

    /// Messages received so far and not yet consumed, without waiting.
    pub fn received(&mut self) -> Vec<Value> {
        while let Ok((arrived, message)) = self.incoming.try_recv() {
            self.handle_incoming(arrived, message);
        }
        self.stash
            .iter()
            .map(|(_, message)| message.clone())
            .collect()
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.write(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request without waiting; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.write(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Sends a request and waits for its result; panics on an error response.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// Waits for the response to request `id` and returns its result.
    pub fn response(&mut self, id: i64) -> Value {
        let mut message = self.wait_for(&format!("the response to request {id}"), |message| {
            message.get("id") == Some(&json!(id)) && message.get("method").is_none()
        });
        if let Some(error) = message.get("error") {
            panic!("request {id} failed: {error}");
        }
        message
            .get_mut("result")
            .map(Value::take)
            .unwrap_or(Value::Null)
    }

    /// Waits for a notification `method` whose params satisfy `accept`; returns its params.
    pub fn notification(&mut self, method: &str, accept: impl Fn(&Value) -> bool) -> Value {
        let mut message = self.wait_for(&format!("a {method} notification"), |message| {
            message.get("id").is_none()
                && message.get("method") == Some(&json!(method))
                && accept(message.get("params").unwrap_or(&Value::Null))
        });
        message
            .get_mut("params")
            .map(Value::take)
            .unwrap_or(Value::Null)
    }

    /// Waits for the diagnostics of `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let params = self.notification("textDocument/publishDiagnostics", |params| {
            params["uri"] == json!(uri) && params["version"] == json!(version)
        });
        params["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Waits for diagnostics of `uri` at `version` that `accept` takes. A server may publish a
    /// version again (after a workspace index pass, say), so a test that waits for a change of
    /// settings must wait for the diagnostics it expects, not for the next ones to arrive.
    pub fn diagnostics_where(
        &mut self,
        uri: &str,
        version: i64,
        accept: impl Fn(&[Value]) -> bool,
    ) -> Vec<Value> {
        let params = self.notification("textDocument/publishDiagnostics", |params| {
            params["uri"] == json!(uri)
                && params["version"] == json!(version)
                && params["diagnostics"]
                    .as_array()
                    .is_some_and(|items| accept(items))
        });
        params["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Every `publishDiagnostics` received so far and not yet consumed, in order.
    pub fn drain_diagnostics(&mut self) -> Vec<Value> {
        while let Ok((arrived, message)) = self.incoming.try_recv() {
            self.handle_incoming(arrived, message);
        }
        let (published, rest): (Vec<_>, Vec<_>) = self.stash.drain(..).partition(|(_, message)| {
            message.get("method") == Some(&json!("textDocument/publishDiagnostics"))
        });
        self.stash = rest.into();
        published
            .into_iter()
            .map(|(_, mut message)| message["params"].take())
            .collect()
    }

    /// When the message last returned by a wait had been read in full from the server.
    pub fn last_arrival(&self) -> Instant {
        self.last_arrival
    }

    /// Answers the server's own requests; stashes everything else.
    fn handle_incoming(&mut self, arrived: Instant, message: Value) {
        let is_server_request = message.get("method").is_some() && message.get("id").is_some();
        if !is_server_request {
            self.stash.push_back((arrived, message));
            return;
        }
        let result = match message["method"].as_str() {
            Some("workspace/configuration") => {
                let count = message["params"]["items"].as_array().map_or(1, Vec::len);
                Value::Array(vec![self.configuration.clone(); count])
            }
            _ => Value::Null,
        };
        let id = message["id"].clone();
        self.write(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
    }

    fn wait_for(&mut self, what: &str, accept: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(index) = self.stash.iter().position(|(_, message)| accept(message)) {
                if let Some((arrived, message)) = self.stash.remove(index) {
                    self.last_arrival = arrived;
                    return message;
                }
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok((arrived, message)) => self.handle_incoming(arrived, message),
                Err(RecvTimeoutError::Timeout) => panic!(
                    "timed out waiting for {what}; server stderr:\n{}",
                    self.stderr()
                ),
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "the server closed stdout while we waited for {what}; stderr:\n{}",
                    self.stderr()
                ),
            }
        }
    }

    /// `initialize` with `capabilities`, then `initialized`; returns the initialize result.
    pub fn initialize(&mut self, capabilities: Value) -> Value {
        let result = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        );
        self.notify("initialized", json!({}));
        result
    }

    pub fn initialize_with_options(&mut self, options: Value, capabilities: Value) -> Value {
        let result = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities, "initializationOptions": options}),
        );
        self.notify("initialized", json!({}));
        result
    }

    pub fn open(&mut self, uri: &str, language_id: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language_id, "version": version, "text": text}}),
        );
    }

    /// Replaces `range` (`[[line, column], [line, column]]`) with `text`.
    pub fn edit(&mut self, uri: &str, version: i64, range: [[u32; 2]; 2], text: &str) {
        let [[start_line, start_column], [end_line, end_column]] = range;
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{
                    "range": {
                        "start": {"line": start_line, "character": start_column},
                        "end": {"line": end_line, "character": end_column}
                    },
                    "text": text
                }]
            }),
        );
    }

    /// `shutdown`, `exit`, and the server's exit status.
    pub fn shutdown_and_exit(mut self) -> ExitStatus {
        let result = self.request("shutdown", Value::Null);
        assert_eq!(result, Value::Null, "shutdown answers null");
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    /// Waits (bounded) for the server to exit.
    pub fn wait_exit(mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => return status,
                Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(10)),
                Ok(None) => {
                    let _ = self.child.kill();
                    panic!("the server did not exit; stderr:\n{}", self.stderr());
                }
                Err(error) => panic!("cannot wait for the server: {error}"),
            }
        }
    }
}

impl Drop for TestClient {
    fn drop(&mut self) {
        // A test that failed half-way must not leave the server running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// How much of each message the client reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parsing {
    /// Everything, as tests need.
    Full,
    /// Diagnostics are counted, not kept (`params.diagnostics` is empty and
    /// `params.diagnosticCount` says how many there were), so that a benchmark's client spends
    /// little CPU beside the server it measures.
    Lean,
}

#[derive(serde::Deserialize)]
struct LeanPublication {
    method: String,
    params: LeanDiagnostics,
}

#[derive(serde::Deserialize)]
struct LeanDiagnostics {
    uri: String,
    version: Option<i64>,
    diagnostics: Vec<serde::de::IgnoredAny>,
}

fn parse(body: &[u8], parsing: Parsing) -> Option<Value> {
    if parsing == Parsing::Lean {
        if let Ok(lean) = serde_json::from_slice::<LeanPublication>(body) {
            return Some(json!({
                "jsonrpc": "2.0",
                "method": lean.method,
                "params": {
                    "uri": lean.params.uri,
                    "version": lean.params.version,
                    "diagnostics": [],
                    "diagnosticCount": lean.params.diagnostics.len(),
                }
            }));
        }
    }
    serde_json::from_slice(body).ok()
}

/// Reads the body of one framed message; `None` at the end of the stream or on a broken frame.
fn read_frame(reader: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut length = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            return None;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some(body)
}
