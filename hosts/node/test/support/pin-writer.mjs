// Creates pins on the stand-in from a process of its own, so that they are
// made while the test's process is busy in a trigger's tick (the component's
// calls block their thread). Prints the ids, in creation order, as JSON.
//
// Usage: node pin-writer.mjs '{"api": SANDBOX_API, "token": TOKEN, "boardId": ID, "count": N, "pauseMs": MS}'

async function main({ api, token, boardId, count, pauseMs }) {
  const ids = [];
  for (let i = 0; i < count; i++) {
    const answer = await fetch(`${api}/v5/pins`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        board_id: boardId,
        title: `Written ${i}`,
        media_source: { source_type: 'image_url', url: `https://example.com/written-${i}.jpg` },
      }),
    });
    if (answer.status !== 201) throw new Error(`POST /v5/pins → ${answer.status}: ${await answer.text()}`);
    ids.push((await answer.json()).id);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  console.log(JSON.stringify(ids));
}

if (process.argv[2]) await main(JSON.parse(process.argv[2]));
