"""Times Pinterest's official Python SDK against the bench's local mock.

    python sdk_e2e.py BASE_URL OPERATION BOARDS BATCHES PER_BATCH

BASE_URL is the mock's origin (the SDK is given BASE_URL + "/v5"),
OPERATION is `list-boards` (a page of BOARDS boards, through the SDK's
`Board.get_all`) or `create-pin` (through `PinsApi.pins_create`, the one
POST that `Pin.create` makes before it re-reads the pin with a GET).

Prints one JSON object: the seconds per operation of each batch.
"""

import json
import sys
import time

from openapi_generated.pinterest_client.api.pins_api import PinsApi
from openapi_generated.pinterest_client.configuration import Configuration
from openapi_generated.pinterest_client.model.pin_create import PinCreate
from pinterest.client import PinterestSDKClient
from pinterest.organic.boards import Board

ACCESS_TOKEN = "pina_BENCHTOKEN"
WARMUP = 20


def main():
    base_url, operation, boards, batches, per_batch = sys.argv[1:6]
    boards, batches, per_batch = int(boards), int(batches), int(per_batch)
    client = PinterestSDKClient(
        configuration=Configuration(access_token=ACCESS_TOKEN, host=base_url + "/v5")
    )
    if operation == "list-boards":

        def run():
            items, _bookmark = Board.get_all(page_size=boards, client=client)
            assert len(items) == boards, len(items)

    elif operation == "create-pin":
        pins = PinsApi(client)

        def run():
            pin = pins.pins_create(
                pin_create=PinCreate(
                    board_id="549755885175",
                    media_source={
                        "source_type": "image_url",
                        "url": "https://i.pinimg.com/originals/bench.jpg",
                    },
                    title="Lemon tart",
                    description="Bright, sharp and buttery.",
                    link="https://example.com/recipes/lemon-tart",
                    alt_text="A lemon tart on a blue plate",
                )
            )
            assert pin.id

    else:
        sys.exit(f"unknown operation {operation}")

    for _ in range(WARMUP):
        run()
    seconds = []
    for _ in range(batches):
        start = time.perf_counter()
        for _ in range(per_batch):
            run()
        seconds.append((time.perf_counter() - start) / per_batch)
    print(json.dumps({"per_op_seconds": seconds}))


if __name__ == "__main__":
    main()
