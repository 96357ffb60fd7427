"""A chat-completions server on 127.0.0.1 for the evaluate tests (Starlette + uvicorn in a
thread): it answers each request from a scripted policy and counts what it was asked.

A policy is a function (user message, how many times this user message came before)
-> a reply: a string (the answer), an int (an HTTP error status, sent with a short
Retry-After), or HANG (no reply until the server stops). Given `models`, it serves only
those and answers a request for another 404, as OpenAI and vLLM do."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

HANG = object()
Policy = Callable[[str, int], object]


class ModelServer:
    def __init__(self, policy: Policy, port: int = 0,
                 models: frozenset[str] | None = None) -> None:
        self.policy = policy
        self.models = models  # when given, another model is answered 404 as servers do
        self.asked: Counter = Counter()  # user message -> requests received
        self.bodies: list[dict] = []
        self.keys: list[str] = []  # the Authorization header of each request
        self.stopping = asyncio.Event()
        app = Starlette(routes=[Route("/v1/chat/completions", self.complete,
                                      methods=["POST"])])
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", port))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/v1"
        config = uvicorn.Config(app, log_level="error", timeout_graceful_shutdown=1,
                                lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run,
                                       kwargs={"sockets": [self.sock]}, daemon=True)

    async def complete(self, request: Request) -> JSONResponse:
        body = await request.json()
        self.bodies.append(body)
        self.keys.append(request.headers.get("authorization", ""))
        if self.models is not None and body["model"] not in self.models:
            return JSONResponse({"error": {
                "message": f"The model `{body['model']}` does not exist.",
                "type": "invalid_request_error", "code": "model_not_found"}}, status_code=404)
        user = next(m["content"] for m in body["messages"] if m["role"] == "user")
        before = self.asked[user]
        self.asked[user] += 1
        reply = self.policy(user, before)
        if reply is HANG:
            try:
                await asyncio.sleep(30)  # longer than any client time-out in the tests
            except asyncio.CancelledError:  # the server stops: end quietly
                return JSONResponse({}, status_code=503)
            reply = "too late"
        if isinstance(reply, int):
            return JSONResponse({"error": {"message": f"scripted {reply}", "type": "test"}},
                                status_code=reply, headers={"retry-after-ms": "10"})
        return JSONResponse({
            "id": f"chatcmpl-{len(self.bodies)}", "object": "chat.completion",
            "created": 0, "model": body["model"],
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": reply}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}})

    def __enter__(self) -> ModelServer:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.01)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.server.force_exit = True
        self.thread.join(timeout=10)
        self.sock.close()
