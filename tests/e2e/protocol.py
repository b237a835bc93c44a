"""A raw client of Streamlit's websocket protocol (what a browser sends, without rendering), for attack tests."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

COOKIE = "doppel_signin"


class ProtocolClient:
    """One websocket session: rerun the script with widget values, read what comes back, send any BackMsg."""

    def __init__(self, url: str, cookie: str | None = None, session_id: str | None = None) -> None:
        # The subprotocol header carries 'streamlit', an XSRF token and, to resume a session, its id.
        protocols = ["streamlit", "xsrf"] + ([session_id] if session_id else [])
        self.cookie = cookie
        self.socket = connect(
            url.replace("http", "ws", 1) + "/_stcore/stream",
            subprotocols=protocols,
            additional_headers={"Cookie": f"{COOKIE}={cookie}"} if cookie else {},
            max_size=None,
            open_timeout=30,
        )
        self.session_id: str | None = None
        self.elements: list = []  # every element drawn by the last run

    def send(self, message: BackMsg) -> None:
        self.socket.send(message.SerializeToString())

    def messages(self, timeout: float = 60) -> Iterator[ForwardMsg]:
        while True:
            message = ForwardMsg()
            message.ParseFromString(self.socket.recv(timeout=timeout))
            if message.WhichOneof("type") == "new_session":
                self.session_id = message.new_session.initialize.session_id
            yield message

    def run(self, widgets: list | None = None, page: str = "", timeout: float = 60) -> list:
        """Rerun the script with these widget states (WidgetState protos); the elements it drew."""
        back = BackMsg()
        back.rerun_script.query_string = ""
        back.rerun_script.page_name = page
        back.rerun_script.widget_states.widgets.extend(widgets or [])
        self.send(back)
        self.elements = []
        for message in self.messages(timeout):
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                self.elements.append(message.delta.new_element)
            if kind == "script_finished":
                return self.elements
        return self.elements

    def texts(self) -> str:
        """All text the last run drew (markdown, alerts, captions), one line each."""
        lines = []
        for element in self.elements:
            kind = element.WhichOneof("type")
            body = getattr(element, kind)
            lines.append(getattr(body, "body", "") or getattr(body, "label", ""))
        return "\n".join(lines)

    def widget_id(self, kind: str, label: str) -> str:
        """The id of the drawn widget of this kind ('text_input', 'button') and label."""
        for element in self.elements:
            if element.WhichOneof("type") == kind and getattr(element, kind).label == label:
                return getattr(element, kind).id
        raise LookupError(f"no {kind} labelled {label!r} in the last run")

    def upload(self, url: str, name: str, data: bytes):
        """PUT a file into this session as the browser's uploader does (XSRF cookie and header); the response."""
        import requests

        http = requests.Session()
        if self.cookie:
            http.cookies.set(COOKIE, self.cookie)
        http.get(f"{url}/_stcore/health", timeout=30)  # where the browser gets its XSRF cookie
        token = http.cookies.get("_streamlit_xsrf", "")
        return http.put(
            f"{url}/_stcore/upload_file/{self.session_id}/{uuid.uuid4()}",
            files={"file": (name, data, "text/csv")},
            headers={"X-Xsrftoken": token},
            timeout=30,
        )

    def close(self) -> None:
        self.socket.close()


def sign_in(url: str, password: str):
    """Post the password to the sign-in page as the browser's form does; (the cookie or None, the response)."""
    import requests

    response = requests.post(f"{url}/signin", data={"password": password}, allow_redirects=False, timeout=30)
    return response.cookies.get(COOKIE), response


def clear_cache_message() -> BackMsg:
    message = BackMsg()
    message.clear_cache = True
    return message
