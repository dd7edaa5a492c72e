# The database stack: the visitor-count table, provisioned at 5 reads and 5 writes.
resource "aws_dynamodb_table" "visitors" {
  name           = "visitors"
  billing_mode   = "PROVISIONED"
  read_capacity  = 5
  write_capacity = 5
  hash_key       = "id"
  attribute {
    name = "id"
    type = "S"
  }
}
