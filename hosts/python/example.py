import os

from pinterest_host import Connector, ConnectorError

connector = Connector()  # target/wasm32-wasip2/release/pinterest_connector_wasi.wasm
config = {
    "client-id": os.environ["PINTEREST_APP_ID"],
    "client-secret": os.environ["PINTEREST_APP_SECRET"],
    "environment": "sandbox",
    "api-base-url": os.environ.get("PINTEREST_API_BASE_URL"),  # unset: Pinterest itself
}

try:
    bookmark = None
    while True:
        page = connector.call(
            "list-boards",
            config=config,
            access_token=os.environ["PINTEREST_ACCESS_TOKEN"],
            query={"bookmark": bookmark, "page-size": 25},
        )
        for board in page["items"]:
            print(board["id"], board["name"])
        bookmark = page.get("bookmark")
        if bookmark is None:
            break
except ConnectorError as error:
    raise SystemExit(str(error))  # what went wrong, then what to do
