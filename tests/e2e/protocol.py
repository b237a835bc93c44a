"""A raw client of Streamlit's websocket protocol (what a browser sends, without rendering): attack tests and the
protocol-level load benchmark (bench/load_protocol.py) walk the app with it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Common_pb2 import FileURLs, UploadedFileInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
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
        self.blocks: list = []  # every block (tabs, columns, containers) the last run opened
        self.page_hash = ""  # the page this client shows
        self.pages: dict[str, str] = {}  # page url path ("columns") -> its script hash, from the navigation message
        self.widgets: dict[str, WidgetState] = {}  # the values this browser holds, sent with every rerun

    def send(self, message: BackMsg) -> None:
        self.socket.send(message.SerializeToString())

    def messages(self, timeout: float = 60) -> Iterator[ForwardMsg]:
        while True:
            message = ForwardMsg()
            message.ParseFromString(self.socket.recv(timeout=timeout))
            kind = message.WhichOneof("type")
            if kind == "new_session":
                self.session_id = message.new_session.initialize.session_id
            elif kind == "navigation":
                self.pages = {page.url_pathname: page.page_script_hash for page in message.navigation.app_pages}
                self.page_hash = message.navigation.page_script_hash  # the page shown, named in every rerun
            yield message

    def run(self, widgets: list | None = None, page: str = "", timeout: float = 60, page_hash: str = "") -> list:
        """Rerun the script with these widget states (WidgetState protos) on top of the ones this client holds, as
        a browser does, on the page it shows unless told another; the elements it drew. A run that ends in
        st.rerun() is followed to the run that finishes."""
        back = BackMsg()
        back.rerun_script.query_string = ""
        back.rerun_script.page_name = page
        back.rerun_script.page_script_hash = page_hash or ("" if page else self.page_hash)
        held = {**self.widgets, **{state.id: state for state in widgets or []}}
        back.rerun_script.widget_states.widgets.extend(held.values())
        self.widgets = {key: state for key, state in held.items() if state.WhichOneof("value") != "trigger_value"}
        self.send(back)
        self.elements, self.blocks = [], []
        for message in self.messages(timeout):
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                self.elements.append(message.delta.new_element)
            elif kind == "delta" and message.delta.WhichOneof("type") == "add_block":
                self.blocks.append(message.delta.add_block)
            elif kind == "script_finished" and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return self.elements
            elif kind == "script_finished":  # st.rerun(): the next run's elements replace these
                self.elements, self.blocks = [], []
        return self.elements

    def open_page(self, path: str, timeout: float = 60) -> list:
        """Follow a link to another page ("columns", "generate"), as st.navigation's sidebar and page links do."""
        return self.run(page_hash=self.pages[path], timeout=timeout)

    def click(self, widget_id: str, timeout: float = 60) -> list:
        """Press a button: a trigger, sent once."""
        return self.run([WidgetState(id=widget_id, trigger_value=True)], timeout=timeout)

    def open_tab(self, label: str, timeout: float = 60) -> list:
        """Open a part of the page: a tab of a stateful tab container (st.tabs with a key), whose value is the tab's
        label, or an option of a segmented control (Compare's parts), whose value is a list of the option's label."""
        for block in self.blocks:
            if block.tab_container.id:
                return self.run([WidgetState(id=block.tab_container.id, string_value=label)], timeout=timeout)
        group = next(
            e.button_group
            for e in self.elements
            if e.WhichOneof("type") == "button_group" and label in [o.content for o in e.button_group.options]
        )
        state = WidgetState(id=group.id)
        state.string_array_value.data.append(label)
        return self.run([state], timeout=timeout)

    def media_urls(self) -> list[str]:
        """The download buttons' file addresses on the server (deferred ones, made on click, left out)."""
        return [
            e.download_button.url
            for e in self.elements
            if e.WhichOneof("type") == "download_button" and e.download_button.url
        ]

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

    def upload(self, url: str, name: str, data: bytes, file_id: str | None = None):
        """PUT a file into this session as the browser's uploader does (XSRF cookie and header); the response."""
        import requests

        http = requests.Session()
        if self.cookie:
            http.cookies.set(COOKIE, self.cookie)
        http.get(f"{url}/_stcore/health", timeout=30)  # where the browser gets its XSRF cookie
        token = http.cookies.get("_streamlit_xsrf", "")
        return http.put(
            f"{url}/_stcore/upload_file/{self.session_id}/{file_id or uuid.uuid4()}",
            files={"file": (name, data, "text/csv")},
            headers={"X-Xsrftoken": token},
            timeout=30,
        )

    def choose_file(self, url: str, label: str, name: str, data: bytes, timeout: float = 60) -> list:
        """Choose a file in the uploader with this label as the browser does: ask the server for upload URLs, PUT
        the file there, then rerun with the uploader's new value; the elements that run drew."""
        uploader = self.widget_id("file_uploader", label)
        back = BackMsg()
        back.file_urls_request.request_id = str(uuid.uuid4())
        back.file_urls_request.file_names.append(name)
        back.file_urls_request.session_id = self.session_id or ""
        self.send(back)
        urls = next(
            m.file_urls_response for m in self.messages(timeout) if m.WhichOneof("type") == "file_urls_response"
        )
        if urls.error_msg or not urls.file_urls:
            raise RuntimeError(f"no upload URL: {urls.error_msg}")
        target: FileURLs = urls.file_urls[0]
        response = self.upload(url, name, data, file_id=target.file_id)
        response.raise_for_status()
        state = WidgetState(id=uploader)
        state.file_uploader_state_value.uploaded_file_info.append(
            UploadedFileInfo(name=name, size=len(data), file_id=target.file_id, file_urls=target)
        )
        return self.run([state], timeout=timeout)

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
