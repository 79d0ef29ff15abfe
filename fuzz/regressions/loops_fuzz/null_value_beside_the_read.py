import asyncio
import time


class Server:
    def __init__(self):
        self.started = False
        self.handlers = []

    async def wait_started(self):
        # Polls a flag something else sets; nothing here limits how long.
        while not self.started:  # expect: LA102  # expect-bound: none
            await asyncio.sleep(0.05)

    def shutdown(self):
        # Waits for other threads to empty the list: the loop itself never changes it.
        while self.handlers:  # expect: LA102  # expect-bound: none
            time.sleep(0.1)


def reconnect(connect):
    # Retries forever: the only exit is success.
    while True:  # expect: LA102  # expect-bound: none
        try:
            return connect()
        except OSError:
            time.sleep(1)


# Near misses: the same polls with a time or attempt bound.
async def wait_started_deadline(server, limit=5.0):
    deadline = time.monotonic() + limit
    while not server.started:  # expect-bound: timeout-arg
        if time.monotonic() > deadline:
            raise TimeoutError
        await asyncio.sleep(0.05)


def reconnect_attempts(connect):
    attempt = 0
    while True:  # expect-bound: counter
        try:
            return connect()
        exceptr frame: the timeout covers one read, so a
        # peer that keeps sending data keeps close() waiting.
        while True:  # expect: LA102  # expect-bound: none
            try:
                async with asyncio.timeout(5):
                    frame = await reader.read()
            except Exception:
                return False
            if frame.kind == "close":
                self.code = frame.data
                return True

    async def close_within(self, reader):
        # Near miss: one deadline over the whole wait.
        async with asyncio.timeout(5):
            while True:  # expect-bound: timeout-scope
                frame = await reader.read()
                if frame.kind == "close":
                    return True

    async def receive(self, reader, out):
        # Near miss: a consumer, every frame is used.
        while True:  # expect-bound: exit-path
            frame = await reader.read()
            if frame.kind == "close":
                return True
            out.append(frame)

    async def read_all(self, reader):
        # Near miss: an EOF guard ends it at the end of the stream.
        while True:  # expect-bound: eof-guard
            chunk = await reader.read(4096)
            if not chunk:
                return True


def wait_prompt(stream):
    # Drops everything until the prompt; at the end of the stream `read` returns b"" for ever.
    while True:  # expect: LA102  # expect-bound: none
        data = stream.read(4)
        if data == b">>> ":
            break
        stream.readline()
