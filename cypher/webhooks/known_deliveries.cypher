// Which of these replay keys an earlier delivery already left (read only). A QuickBooks
// notification is checked before its entities are fetched, so a repeat costs no API call.
UNWIND $keys AS key
MATCH (d:WebhookDelivery {key: key})
RETURN collect(d.key) AS known
