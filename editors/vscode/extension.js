// A minimal VS Code client for `awesomelint server`: it starts the server for markdown
// files and passes the awesomelint.* settings (initializationOptions, and
// workspace/didChangeConfiguration when they change).
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function settings() {
  const config = vscode.workspace.getConfiguration("awesomelint");
  return {
    select: config.get("select"),
    ignore: config.get("ignore"),
    profile: config.get("profile"),
    online: config.get("online"),
  };
}

function activate(context) {
  const command = vscode.workspace.getConfiguration("awesomelint").get("path") || "awesomelint";
  client = new LanguageClient(
    "awesomelint",
    "awesomelint",
    { command, args: ["server"] },
    {
      documentSelector: [
        { scheme: "file", language: "markdown" },
        { scheme: "untitled", language: "markdown" },
      ],
      initializationOptions: settings(),
      synchronize: { configurationSection: "awesomelint" },
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
